/**
 * `loc-lint diff FILE`: what changed in the English since a translation was made, and which translated segments
 * those changes touch. Pure: bytes and parsed documents in, lines out; the command line (src/cli/cli.ts) reads the
 * files and the git history.
 *
 * The diff reads like `git diff <source commit> -- <English file>`: the same header lines, hunk headers with
 * git's default function context (the nearest earlier line starting with a letter, `_` or `$`, cut at 80 bytes)
 * and 3 lines of context, coloured with git's default colours when asked. The line diff itself is jsdiff's
 * (Myers, as git's default), so the hunks are git's except where several equally short diffs exist.
 *
 * Touched segments:
 * - span format: a segment whose own English (the `sxs-lookup` text it was translated from), normalised as
 *   `stale-segment` normalises it, no longer occurs in the current English file;
 * - plain Markdown: translated blocks are aligned with the English blocks at the source commit; a translated
 *   block is touched when its English block's text no longer occurs as a block of the current English.
 *
 * Text from the files is untrusted: control characters are shown as visible escapes, never sent raw.
 */
import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';
import { alignBlocks } from '../document/align.js';
import { parseDocument, type Block, type LocDocument } from '../document/document.js';
import { escapeControl } from '../util/escape.js';
import { normaliseSource, quote } from '../document/prose.js';

/** One line of the diff output, with what it is (which decides its colour). */
export interface DiffLine {
  kind: 'meta' | 'hunk' | 'context' | 'removed' | 'added' | 'note';
  text: string;
  /** Hunk headers: the function context after `@@ … @@`, shown uncoloured as git does. */
  context?: string;
}

/** A translated segment (span format) or block (plain Markdown) whose English changed. */
export interface TouchedSegment {
  line: number;
  column: number;
  /** The span segment's id (span format). */
  id?: string;
  /** The block's kind (plain Markdown). */
  blockType?: Block['type'];
  /** The English it was translated from, normalised. */
  english: string;
}

export interface EnglishDiffInput {
  /** The English file's path as the header shows it (repository-relative, `/`-separated). */
  englishPath: string;
  /** The English file at the source commit. */
  before: Buffer;
  /** The English file now. */
  after: Buffer;
  /** The translated file. */
  translated: LocDocument;
  /** git's file mode for the header's `index` line (default `100644`). */
  mode?: string;
  /** Time allowed for parsing each English version, and for the diff. */
  parseTimeoutMs?: number;
}

export interface EnglishDiff {
  /** The diff, header first; empty when the English did not change. */
  lines: DiffLine[];
  /** Touched translated segments; undefined when they cannot be told (`touchedProblem` says why). */
  touched?: TouchedSegment[];
  touchedProblem?: string;
}

/** git's context lines around each change. */
const CONTEXT = 3;
/** git's limit on a hunk header's function context, in bytes. */
const FUNCTION_CONTEXT_BYTES = 80;
/** Time a diff may take before it is given up on (the parse timeout's default). */
const DEFAULT_DIFF_TIMEOUT_MS = 10_000;
/** git's binary test: a NUL byte within the first 8,000 bytes. */
const BINARY_PROBE = 8000;

const COLORS: Record<DiffLine['kind'], string> = {
  meta: '\x1b[1m',
  hunk: '\x1b[36m',
  removed: '\x1b[31m',
  added: '\x1b[32m',
  context: '',
  note: '',
};
const RESET = '\x1b[m';

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE).includes(0);
}

/** git's object name of a blob with these bytes, abbreviated as `git diff` does in a small repository. */
function blobName(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex').slice(0, 7);
}

/** git's default function context (xdiff's def_ff): the line when it starts with a letter, `_` or `$`. */
function functionContext(line: string): string | undefined {
  if (!/^[A-Za-z_$]/.test(line)) return undefined;
  const bytes = Buffer.from(line, 'utf8');
  const cut = bytes.length > FUNCTION_CONTEXT_BYTES ? bytes.subarray(0, FUNCTION_CONTEXT_BYTES).toString('utf8') : line;
  return cut.trimEnd(); // the same characters as /\s+$/, without its rescan of a run of blanks
}

/** `start,count` as git writes it: `,1` left out, and an empty side starting before its first line. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The unified diff of two versions of the English file, as `git diff` prints it (without colour). */
export function unifiedDiff(englishPath: string, before: Buffer, after: Buffer, mode = '100644', timeoutMs = DEFAULT_DIFF_TIMEOUT_MS): DiffLine[] {
  if (before.equals(after)) return [];
  const header: DiffLine[] = [
    { kind: 'meta', text: `diff --git a/${englishPath} b/${englishPath}` },
    { kind: 'meta', text: `index ${blobName(before)}..${blobName(after)} ${mode}` },
  ];
  if (isBinary(before) || isBinary(after)) {
    return [...header, { kind: 'note', text: `Binary files a/${englishPath} and b/${englishPath} differ` }];
  }
  header.push({ kind: 'meta', text: `--- a/${englishPath}` }, { kind: 'meta', text: `+++ b/${englishPath}` });
  const oldText = before.toString('utf8');
  // Myers' diff takes time in the product of the size and the number of changes: a rewritten long page (or a
  // hostile one) is given up on rather than left to run for minutes.
  const patch = structuredPatch(englishPath, englishPath, oldText, after.toString('utf8'), undefined, undefined, { context: CONTEXT, timeout: timeoutMs });
  const lines: DiffLine[] = [...header];
  if (!patch) {
    lines.push({ kind: 'note', text: `(the changes are too many to diff within ${timeoutMs / 1000} s: left out)` });
    return lines;
  }
  const oldLines = oldText.split('\n');
  for (const hunk of patch.hunks) {
    let context: string | undefined;
    // The nearest function line above the hunk's first line, in the old file (as git looks for it).
    for (let index = hunk.oldStart - 2; index >= 0 && context === undefined; index--) context = functionContext(oldLines[index]);
    lines.push({
      kind: 'hunk',
      text: `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`,
      ...(context ? { context } : {}),
    });
    for (const line of hunk.lines) {
      const kind = line[0] === '+' ? 'added' : line[0] === '-' ? 'removed' : line[0] === '\\' ? 'note' : 'context';
      lines.push({ kind, text: line });
    }
  }
  return lines;
}

/** The diff as text, one line each, control characters escaped; git's colours when `color`. */
export function renderDiff(lines: DiffLine[], color: boolean): string {
  return lines
    .map((line) => {
      const text = escapeControl(line.text);
      const context = line.context === undefined ? '' : ' ' + escapeControl(line.context);
      const set = color ? COLORS[line.kind] : '';
      return (set ? `${set}${text}${RESET}` : text) + context + '\n';
    })
    .join('');
}

/** The body of a parsed file (after its front matter), normalised: what segments' English is looked for in. */
function normalisedBody(document: LocDocument): string {
  const bodyStart = document.tree.children.find((node) => node.type !== 'yaml')?.position?.start.offset ?? document.text.length;
  return normaliseSource(document.text.slice(bodyStart));
}

function blockSource(document: LocDocument, block: Block): string {
  return normaliseSource(document.text.slice(block.position.start.offset, block.position.end.offset));
}

/**
 * Span format: the segments whose own English (`sxs-lookup`) no longer occurs in the current English file.
 * Needs no history, so it is also the fallback when the English at the source commit cannot be read.
 */
export function staleSpanSegments(translated: LocDocument, currentEnglish: LocDocument): TouchedSegment[] {
  const body = normalisedBody(currentEnglish);
  const touched: TouchedSegment[] = [];
  for (const segment of translated.spans) {
    if (!segment.englishPosition) continue;
    const english = normaliseSource(translated.text.slice(segment.englishPosition.start.offset, segment.englishPosition.end.offset));
    if (english === '' || body.includes(english)) continue;
    touched.push({ line: segment.position.start.line, column: segment.position.start.column, id: segment.id, english });
  }
  return touched;
}

/**
 * Plain Markdown: the translated blocks aligned with an English block (at the source commit) whose text is no
 * longer a block of the current English.
 */
export function changedPlainBlocks(translated: LocDocument, oldEnglish: LocDocument, currentEnglish: LocDocument): TouchedSegment[] {
  const current = new Set(currentEnglish.blocks.map((block) => blockSource(currentEnglish, block)));
  const alignment = alignBlocks(translated.blocks, oldEnglish.blocks);
  const touched: TouchedSegment[] = [];
  for (const pair of alignment.pairs) {
    if (!pair.translated || !pair.english) continue;
    const english = blockSource(oldEnglish, pair.english);
    if (english === '' || current.has(english)) continue;
    touched.push({ line: pair.translated.position.start.line, column: pair.translated.position.start.column, blockType: pair.translated.type, english });
  }
  return touched;
}

/** Parse an English version; a problem (not text, nested too deep, too slow) comes back as a message. */
export function parseEnglish(raw: Buffer, englishPath: string, parseTimeoutMs?: number): LocDocument | string {
  try {
    return parseDocument({ path: englishPath, relPath: englishPath, locale: 'en', raw, parseTimeoutMs });
  } catch (error) {
    return (error as Error).message;
  }
}

/** The English changes since the source commit and the translated segments they touch. */
export function diffEnglish(input: EnglishDiffInput): EnglishDiff {
  const lines = unifiedDiff(input.englishPath, input.before, input.after, input.mode, input.parseTimeoutMs);
  if (lines.length === 0) return { lines, touched: [] };
  const current = parseEnglish(input.after, input.englishPath, input.parseTimeoutMs);
  if (typeof current === 'string') return { lines, touchedProblem: `the current English cannot be read: ${current}` };
  if (input.translated.spanFormat) return { lines, touched: staleSpanSegments(input.translated, current) };
  const old = parseEnglish(input.before, input.englishPath, input.parseTimeoutMs);
  if (typeof old === 'string') return { lines, touchedProblem: `the English at the source commit cannot be read: ${old}` };
  return { lines, touched: changedPlainBlocks(input.translated, old, current) };
}

/** One line per touched segment: `path:line  segment ID  "English"` (or the block's kind for plain Markdown). */
export function renderTouched(touched: TouchedSegment[], translatedPath: string): string {
  return touched
    .map((segment) => {
      const what = segment.id !== undefined ? `segment ${segment.id}` : segment.blockType;
      return escapeControl(`  ${translatedPath}:${segment.line}  ${what}  "${quote(segment.english, 80)}"`) + '\n';
    })
    .join('');
}
