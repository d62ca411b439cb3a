/**
 * `loc-lint diff FILE`: what changed in the English since a translation was made, and which translated segments
 * those changes touch. Pure: git's diff output, bytes and parsed documents in, text out; src/git/git-diff.ts runs
 * git and src/cli/diff-command.ts puts it together.
 *
 * The diff is git's own (`git diff <source commit> HEAD -- <English file>`), shown line for line; only control
 * characters from the files are made visible, and colours are added when asked.
 *
 * Touched segments:
 * - span format: a segment whose own English (the `sxs-lookup` text it was translated from), normalised as
 *   `stale-segment` normalises it, no longer occurs in the current English file;
 * - plain Markdown: translated blocks are aligned with the English blocks at the source commit; a translated
 *   block is touched when its English block's text no longer occurs as a block of the current English.
 *
 * Text from the files is untrusted: control characters are shown as visible escapes, never sent raw.
 */
import { alignBlocks } from '../document/align.js';
import { parseDocument, type Block, type LocDocument } from '../document/document.js';
import { escapeControl } from '../util/escape.js';
import { normaliseMarkup, normaliseSource, quote } from '../document/prose.js';

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

export interface TouchedInput {
  /** The English file's path, for messages. */
  englishPath: string;
  /** The English file at the source commit (undefined: not there then). */
  before?: Buffer;
  /** The English file at HEAD (undefined: deleted since). */
  after?: Buffer;
  /** The translated file. */
  translated: LocDocument;
  /** Time allowed for parsing each English version. */
  parseTimeoutMs?: number;
}

export interface Touched {
  /** Touched translated segments; undefined when they cannot be told (`problem` says why). */
  touched?: TouchedSegment[];
  problem?: string;
}

const COLORS = {
  meta: '\x1b[1m',
  hunk: '\x1b[36m',
  removed: '\x1b[31m',
  added: '\x1b[32m',
};
const RESET = '\x1b[m';

/**
 * git's diff output as the terminal gets it: each line as git wrote it, with the control characters of the
 * files' text shown as visible escapes, except the CR of a CRLF line end, which is left where git leaves it
 * (at the end of the line, where it moves nothing a reader sees). With `color`, git's default colours: the
 * header lines bold, `@@ … @@` cyan (the function context after it plain), removed lines red, added lines green.
 */
export function renderGitDiff(output: string, color: boolean): string {
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let inHunks = false;
  return lines
    .map((line) => {
      const lineEnd = line.endsWith('\r') ? '\r\n' : '\n';
      const text = escapeControl(lineEnd === '\r\n' ? line.slice(0, -1) : line);
      const first = text[0];
      // Inside hunks every line starts with one of these (or is empty, with diff.suppressBlankEmpty).
      if (!inHunks || !(first === undefined || first === ' ' || first === '+' || first === '-' || first === '\\' || first === '@')) inHunks = first === '@';
      if (!color) return text + lineEnd;
      if (!inHunks) return (text.startsWith('Binary files ') ? text : COLORS.meta + text + RESET) + lineEnd;
      if (first === '@') {
        // `@@ -a,b +c,d @@` (`@@@` for a merge's combined diff), then the function context, uncoloured.
        let end = text.indexOf(' @@', 2);
        if (end < 0) return text + lineEnd;
        end += 3;
        while (text[end] === '@') end++;
        return COLORS.hunk + text.slice(0, end) + RESET + text.slice(end) + lineEnd;
      }
      const set = first === '+' ? COLORS.added : first === '-' ? COLORS.removed : '';
      return (set ? set + text + RESET : text) + lineEnd;
    })
    .join('');
}

/** The body of a parsed file (after its front matter), normalised: what segments' English is looked for in. */
function normalisedBody(document: LocDocument): string {
  const bodyStart = document.tree.children.find((node) => node.type !== 'yaml')?.position?.start.offset ?? document.text.length;
  return normaliseSource(document.text.slice(bodyStart));
}

/**
 * A plain block's source as stale-segment compares it ({@link normaliseMarkup}): escapes count, since
 * `<Relative Path>` and `\<Relative Path\>` render differently; rewrapping does not.
 */
function blockSource(document: LocDocument, block: Block): string {
  return normaliseMarkup(document.text.slice(block.position.start.offset, block.position.end.offset));
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

/** The translated segments the English changes from `before` to `after` touch, or why that cannot be told. */
export function touchedSegments(input: TouchedInput): Touched {
  if (input.after === undefined) return { problem: `the English ${input.englishPath} no longer exists at HEAD: the whole translation has lost its English` };
  const current = parseEnglish(input.after, input.englishPath, input.parseTimeoutMs);
  if (typeof current === 'string') return { problem: `the English at HEAD cannot be read: ${current}` };
  if (input.translated.spanFormat) return { touched: staleSpanSegments(input.translated, current) };
  const old = parseEnglish(input.before ?? Buffer.alloc(0), input.englishPath, input.parseTimeoutMs);
  if (typeof old === 'string') return { problem: `the English at the source commit cannot be read: ${old}` };
  return { touched: changedPlainBlocks(input.translated, old, current) };
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
