/**
 * @file code-mismatch
 *
 * ## What it checks
 * Code must be left as the English has it:
 * - fenced and indented code blocks: each translated code block must equal the English code block it is aligned
 *   with, line for line (trailing blanks on a line, line endings and trailing blank lines do not count);
 * - inline code spans: every `` `code` `` span of the English must occur, unchanged, in the translation. In span
 *   format each translated `<span data-ttu-id>` is compared with its own `sxs-lookup` English; in every format
 *   each translated block is compared with the English block it is aligned with (leaving out what the span
 *   comparison reported, so nothing is reported twice). Spans are compared as multisets: reordering is fine, and
 *   a code span the translation adds is not a finding.
 *
 * Code lines compare as code, not as bytes: runs of blanks count as one blank and leading blanks as none, and the
 * quote characters `'`, `"` and typographic quotes are one character (a translation tool that turns `'x'` into
 * `"x"` or `„x“` in a CSS value has not changed the code).
 *
 * A code block gets at most one finding, at its first differing line, quoting both lines. A missing code span is
 * reported at the translated code span that looks like it (same text but for case, spacing or a few characters:
 * "did you mean"), or else at the start of the segment or block. A block the alignment leaves unmatched is not
 * compared.
 *
 * ## Why
 * Readers copy code. A command, option, file name or API name that was translated, retyped or dropped no longer
 * works, and the translation tool or a translator changing code is easy to miss in review.
 *
 * ## Options
 * - `allowTranslatedComments` (boolean, default `true`, as most localization style guides allow it; `false` makes
 *   a translated comment a finding): code blocks may differ inside comments. Both sides are
 *   compared with comments removed and blank lines dropped. The comment syntaxes follow the fence's language
 *   (`//` and `/* *\/` for C-like languages, `#` for shells, PowerShell, Python and YAML, `<!-- -->` for XML and
 *   HTML, `'` and `REM` for Visual Basic, `REM` and `::` for batch files); for an unknown or missing language,
 *   all of `//`, `/* *\/`, `#`, `<!-- -->` and `REM` (not `'`, which quotes strings elsewhere). `#` starts a
 *   comment only at the start of a line or after a blank (not in `C#` or a URL's `#fragment`), `//` not after
 *   `:` (not in `https://`). Inline code spans are always compared exactly.
 *
 * ## Examples
 *
 * @example
 *   {"name": "code left as it is; a code span reordered"}
 *   ~~~english
 *   Run `nuget restore` after `nuget install`:
 *
 *       nuget restore MySolution.sln
 *   ~~~
 *   ~~~translated
 *   Führen Sie nach `nuget install` den Befehl `nuget restore` aus:
 *
 *       nuget restore MySolution.sln
 *   ~~~
 *
 * @example
 *   {"name": "a changed command line and a translated code span"}
 *   ~~~english
 *   Set `allowPrerelease` to true:
 *
 *   ```cli
 *   nuget install Contoso -Prerelease
 *   ```
 *   ~~~
 *   ~~~translated
 *   Setzen Sie `VorabversionZulassen` auf true:
 *
 *   ```cli
 *   nuget install Contoso -Vorabversion
 *   ```
 *   ~~~
 *   ~~~findings
 *   1:1 code-mismatch The English code span `allowPrerelease` (en-us/example.md:1) is missing from the translation
 *   4:1 code-mismatch Code line `nuget install Contoso -Vorabversion` differs from the English `nuget install Contoso -Prerelease` (en-us/example.md:4)
 *   ~~~
 *
 * @example
 *   {"name": "translated comments are allowed (the default), and so are blanks and quote style"}
 *   ~~~english
 *   ```csharp
 *   // Create the client
 *   var client = new HttpClient(); // reused
 *   ```
 *   ~~~
 *   ~~~translated
 *   ```csharp
 *   // Den Client erstellen
 *   var client  =  new HttpClient(); // wiederverwendet
 *   ```
 *   ~~~
 *
 * @example
 *   {"name": "translated comments where a style guide forbids them", "options": {"allowTranslatedComments": false}}
 *   ~~~english
 *   ```js
 *   // Main color
 *   const font = 'Segoe UI';
 *   ```
 *   ~~~
 *   ~~~translated
 *   ```js
 *   // Hauptfarbe
 *   const font = "Segoe UI";
 *   ```
 *   ~~~
 *   ~~~findings
 *   2:1 code-mismatch Code line `// Hauptfarbe` differs from the English `// Main color` (en-us/example.md:2)
 *   ~~~
 *
 * @example
 *   {"name": "span format: a code span retyped, with a did-you-mean"}
 *   ~~~english
 *   Use `-Version 1.0` to pick a version.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="a1b2c-101">Verwenden Sie `-version 1.0`, um eine Version zu wählen.</span><span class="sxs-lookup"><span data-stu-id="a1b2c-101">Use `-Version 1.0` to pick a version.</span></span>
 *   ~~~
 *   ~~~findings
 *   1:45 code-mismatch The English code span `-Version 1.0` (data-stu-id "a1b2c-101" at line 1) is missing from the translation; did you mean `-version 1.0`?
 *   ~~~
 */
import type { InlineCode, Root } from 'mdast';
import { compareRegions, defineRule, memoize, nearest, ownTokens, quote, startingWithin, walkTree, type Block, type Difference, type LocDocument, type Range, type Region } from '../src/rule-kit/index.js';

export interface CodeMismatchOptions {
  allowTranslatedComments: boolean;
}

/** One line of a code block as compared, with its index among the block's lines. */
interface CodeLine {
  text: string;
  index: number;
}

/** The lines of code as compared: trailing blanks and `\r` dropped, trailing blank lines dropped. */
export function codeLines(code: string): CodeLine[] {
  const lines = code.split('\n').map((text, index) => ({ text: text.trimEnd(), index }));
  while (lines.length > 0 && lines[lines.length - 1].text === '') lines.pop();
  return lines;
}

interface CommentSyntax {
  line: string[];
  block: Array<[string, string]>;
  /** `#` as a line comment (only at the start of a line or after a blank). */
  hash: boolean;
  /** `'` as a line comment (Visual Basic). */
  apostrophe: boolean;
  /** `REM` as a line comment at the start of a line (Visual Basic, batch). */
  rem: boolean;
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], hash: false, apostrophe: false, rem: false };
const HASH: CommentSyntax = { line: [], block: [], hash: true, apostrophe: false, rem: false };
const MARKUP: CommentSyntax = { line: [], block: [['<!--', '-->']], hash: false, apostrophe: false, rem: false };
const UNKNOWN: CommentSyntax = { line: ['//'], block: [['/*', '*/'], ['<!--', '-->']], hash: true, apostrophe: false, rem: true };

const LANGUAGES: Record<string, CommentSyntax> = {};
for (const name of ['c', 'cpp', 'c++', 'cs', 'csharp', 'c#', 'fs', 'fsharp', 'java', 'js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'go', 'rust', 'swift', 'kotlin', 'scala', 'php', 'json', 'jsonc', 'css', 'scss', 'less', 'groovy', 'gradle', 'dart', 'objc', 'objectivec']) LANGUAGES[name] = C_LIKE;
for (const name of ['sh', 'bash', 'shell', 'zsh', 'console', 'python', 'py', 'yaml', 'yml', 'ruby', 'rb', 'perl', 'r', 'toml', 'ini', 'dockerfile', 'makefile', 'cmake', 'azurecli', 'azcli']) LANGUAGES[name] = HASH;
for (const name of ['powershell', 'ps', 'ps1', 'pwsh']) LANGUAGES[name] = { ...HASH, block: [['<#', '#>']] };
for (const name of ['xml', 'html', 'xaml', 'xhtml', 'svg', 'csproj', 'msbuild', 'nuspec', 'config', 'aspx', 'razor', 'cshtml', 'markdown', 'md']) LANGUAGES[name] = MARKUP;
for (const name of ['vb', 'vbnet', 'vb.net', 'vbs', 'vbscript']) LANGUAGES[name] = { line: [], block: [], hash: false, apostrophe: true, rem: true };
for (const name of ['bat', 'cmd', 'batch', 'dos']) LANGUAGES[name] = { line: ['::'], block: [], hash: false, apostrophe: false, rem: true };
LANGUAGES['sql'] = { line: ['--'], block: [['/*', '*/']], hash: false, apostrophe: false, rem: false };

function commentSyntax(lang: string | null | undefined): CommentSyntax {
  return (lang && LANGUAGES[lang.toLowerCase()]) || UNKNOWN;
}

/**
 * The lines of code with comments removed (one pass over each line; an open block comment carries over to the
 * next lines), then blank lines dropped. Quotes are not tracked: a comment marker inside a string cuts the line on
 * both sides alike, so only a difference after it inside that string goes unseen.
 */
export function stripComments(lines: CodeLine[], syntax: CommentSyntax): CodeLine[] {
  const result: CodeLine[] = [];
  let openBlock: string | undefined; // the closing marker of the block comment we are in
  for (const line of lines) {
    const text = line.text;
    let kept = '';
    let i = 0;
    if (!openBlock && syntax.rem && /^\s*rem(?:\s|$)/i.test(text)) i = text.length;
    while (i < text.length) {
      if (openBlock) {
        const close = text.indexOf(openBlock, i);
        if (close < 0) {
          i = text.length;
          break;
        }
        i = close + openBlock.length;
        openBlock = undefined;
        kept += ' ';
        continue;
      }
      const c = text[i];
      const opened = syntax.block.find(([open]) => text.startsWith(open, i));
      if (opened) {
        openBlock = opened[1];
        i += opened[0].length;
        continue;
      }
      if (syntax.line.some((marker) => text.startsWith(marker, i) && !(marker === '//' && text[i - 1] === ':'))) break;
      if (syntax.hash && c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (syntax.apostrophe && c === "'") break;
      kept += c;
      i++;
    }
    const stripped = kept.trimEnd();
    if (stripped.trim() !== '') result.push({ text: stripped, index: line.index });
  }
  return result;
}

/** Quote characters a translation tool swaps for one another: one character when code is compared. */
const QUOTES = /['"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]/g;

/** A code line as it is compared: blanks and quote style do not count (see the header). */
export function comparableCode(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim().replace(QUOTES, '"');
}

/** The first difference between two line lists: equal leading and trailing lines skipped. */
function firstDifference(translated: CodeLine[], english: CodeLine[]): { translated?: CodeLine; english?: CodeLine } | undefined {
  const same = (a: CodeLine, b: CodeLine) => a.text === b.text || comparableCode(a.text) === comparableCode(b.text);
  let head = 0;
  while (head < translated.length && head < english.length && same(translated[head], english[head])) head++;
  if (head === translated.length && head === english.length) return undefined;
  let tailT = translated.length;
  let tailE = english.length;
  while (tailT > head && tailE > head && same(translated[tailT - 1], english[tailE - 1])) {
    tailT--;
    tailE--;
  }
  return { translated: head < tailT ? translated[head] : undefined, english: head < tailE ? english[head] : undefined };
}

/** Lines longer than this are quoted from shortly before their first difference. */
const QUOTED_LINE = 60;

/** Quote two differing lines so that the difference shows: from shortly before it when the lines are long. */
export function quotePair(a: string, b: string): [string, string] {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const from = Math.max(a.length, b.length) > QUOTED_LINE && common > 20 ? common - 15 : 0;
  const cut = (text: string) => (from > 0 ? '…' : '') + quote(text.slice(from), QUOTED_LINE);
  return [cut(a), cut(b)];
}

/** Inline code spans of a document in document order, and the code blocks' languages by start offset. */
interface CodeIndex {
  spans: InlineCode[];
  languages: Map<number, string | null | undefined>;
}

const codeIndex = memoize((tree: Root): CodeIndex => {
  const spans: InlineCode[] = [];
  const languages = new Map<number, string | null | undefined>();
  walkTree(tree, (node) => {
    if (node.type === 'inlineCode' && node.position) spans.push(node);
    else if (node.type === 'code' && node.position) languages.set(node.position.start.offset ?? 0, node.lang);
  });
  spans.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
  return { spans, languages };
});

/** The inline code spans that start within `[start, end)`. */
function spansWithin(index: CodeIndex, start: number, end: number): InlineCode[] {
  return startingWithin(index.spans, (span) => span.position!.start.offset!, start, end);
}

const offsetsOf = (range: Range) => [range.start.offset, range.end.offset] as const;

/** How many candidates a missing span is compared with for a did-you-mean (bounds the work on hostile input). */
const MAX_CANDIDATES = 20;
/** Spans longer than this are compared for a did-you-mean by case and spacing only. */
const MAX_FUZZY_LENGTH = 200;

/** The translated span that looks like the missing English one (case and spacing aside, a few edits), if any. */
function lookalike(english: string, candidates: Iterable<InlineCode>): InlineCode | undefined {
  return nearest(english, candidates, {
    text: (span) => span.value,
    normalise: (text) => text.replace(/\s+/g, ' ').trim().toLowerCase(),
    limit: Math.max(1, Math.min(3, Math.floor(english.length / 5))),
    maxCandidates: MAX_CANDIDATES,
    maxFuzzyLength: MAX_FUZZY_LENGTH,
  });
}

/**
 * The translated spans not yet taken as a lookalike, in order, with removal in constant time: each search looks
 * at the first MAX_CANDIDATES of them without walking past the taken ones (which made it quadratic).
 */
class Untaken implements Iterable<InlineCode> {
  private readonly next: Int32Array;
  private readonly previous: Int32Array;
  private readonly index = new Map<InlineCode, number>();
  private head: number;

  constructor(private readonly spans: InlineCode[]) {
    this.next = Int32Array.from(spans, (_, i) => (i + 1 < spans.length ? i + 1 : -1));
    this.previous = Int32Array.from(spans, (_, i) => i - 1);
    spans.forEach((span, i) => this.index.set(span, i));
    this.head = spans.length ? 0 : -1;
  }

  remove(span: InlineCode): void {
    const i = this.index.get(span);
    if (i === undefined) return;
    this.index.delete(span);
    const before = this.previous[i];
    const after = this.next[i];
    if (before >= 0) this.next[before] = after;
    else this.head = after;
    if (after >= 0) this.previous[after] = before;
  }

  *[Symbol.iterator](): Iterator<InlineCode> {
    for (let i = this.head; i >= 0; i = this.next[i]) yield this.spans[i];
  }
}

/** English code spans with no equal in the translation, reported together. */
interface MissingSpans {
  english: InlineCode[];
  /** A translated span that looks like the English one (did you mean). */
  lookalike?: InlineCode;
  /** A translated span that holds all of `english` run together (`` `a``b` ``: the text between them was lost). */
  runTogether?: InlineCode;
}

/**
 * Compare code spans as multisets; returns the English spans with no equal. Translation tools sometimes drop the
 * words between two code spans, which leaves `` `a``b` ``: one span `a``b`. Such a span takes the English spans it
 * is made of; each other missing span gets a lookalike if there is one.
 */
function missingSpans(translated: InlineCode[], english: InlineCode[]): MissingSpans[] {
  const available = new Map<string, InlineCode[]>();
  for (const span of english) {
    const list = available.get(span.value);
    if (list) list.push(span);
    else available.set(span.value, [span]);
  }
  const extras: InlineCode[] = [];
  for (const span of translated) {
    if (!available.get(span.value)?.shift()) extras.push(span);
  }
  const result: MissingSpans[] = [];
  const runTogether = new Set<InlineCode>();
  for (const span of extras) {
    if (!span.value.includes('`')) continue;
    const parts = span.value.split(/`+/).map((part) => part.trim());
    if (parts.some((part) => part === '')) continue;
    const taken: InlineCode[] = [];
    for (const part of parts) {
      const partner = available.get(part)?.shift();
      if (partner) taken.push(partner);
    }
    if (taken.length === parts.length) {
      runTogether.add(span);
      result.push({ english: taken, runTogether: span });
    } else {
      for (const partner of taken) available.get(partner.value)!.unshift(partner);
    }
  }
  const candidates = extras.filter((span) => !runTogether.has(span));
  const untaken = new Untaken(candidates);
  const left = new Set([...available.values()].flat());
  for (const span of english) {
    if (!left.has(span)) continue;
    const similar = lookalike(span.value, untaken);
    if (similar) untaken.remove(similar);
    result.push({ english: [span], lookalike: similar });
  }
  const first = (missing: MissingSpans) => missing.english[0].position!.start.offset!;
  return result.sort((a, b) => first(a) - first(b));
}

export default defineRule(
  {
    id: 'code-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'code blocks and inline code spans of a translation are those of its English' },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowTranslatedComments: { type: 'boolean' },
      },
    },
    defaultOptions: { allowTranslatedComments: true } as CodeMismatchOptions,
  },
  (context) => {
    const translatedIndex = codeIndex(context.translated.tree);
    const englishIndex = codeIndex(context.english.tree);

    /** Where line `index` of a code block is in its file: fenced code starts on the line after the fence. */
    const codeLineRange = (document: LocDocument, block: Block, index: number): Range => {
      const text = document.text;
      let at = block.position.start.offset;
      // The code node starts at its fence (or at the indentation of indented code).
      let first = at;
      while (text[first] === ' ' || text[first] === '\t') first++;
      const fenced = text.startsWith('```', first) || text.startsWith('~~~', first);
      for (let skip = index + (fenced ? 1 : 0); skip > 0; skip--) {
        const next = text.indexOf('\n', at);
        if (next < 0 || next >= block.position.end.offset) break;
        at = next + 1;
      }
      const lineEnd = text.indexOf('\n', at);
      const end = Math.min(lineEnd < 0 ? text.length : lineEnd, block.position.end.offset);
      return { start: document.pointAt(at), end: document.pointAt(Math.max(at, end)) };
    };

    const compareCode = (block: Block, englishBlock: Block) => {
      let translatedLines = codeLines(block.code ?? '');
      let englishLines = codeLines(englishBlock.code ?? '');
      let difference = firstDifference(translatedLines, englishLines);
      if (!difference) return;
      if (context.options.allowTranslatedComments) {
        translatedLines = stripComments(translatedLines, commentSyntax(translatedIndex.languages.get(block.position.start.offset)));
        englishLines = stripComments(englishLines, commentSyntax(englishIndex.languages.get(englishBlock.position.start.offset)));
        difference = firstDifference(translatedLines, englishLines);
        if (!difference) return;
      }
      const { translated, english } = difference;
      // Quote the whole lines as written, not their comment-stripped form.
      const rawLine = (code: string | undefined, line: CodeLine | undefined) => (line ? (code ?? '').split('\n')[line.index].trimEnd() : undefined);
      const translatedText = rawLine(block.code, translated);
      const englishText = rawLine(englishBlock.code, english);
      const englishPlace = english ? codeLineRange(context.english, englishBlock, english.index) : englishBlock.position;
      const details = { translated: translatedText ?? null, english: englishText ?? null };
      const subject = `code: ${details.translated ?? ''} -> ${details.english ?? ''}`;
      if (translated && english) {
        const [quotedTranslated, quotedEnglish] = quotePair(translatedText!, englishText!);
        context.report({
          message: `Code line \`${quotedTranslated}\` differs from the English \`${quotedEnglish}\` (${context.englishAt(englishPlace)})`,
          place: codeLineRange(context.translated, block, translated.index),
          details,
          subject,
        });
      } else if (translated) {
        context.report({
          message: `Code line \`${quote(translatedText!, QUOTED_LINE)}\` is not in the English code block (${context.englishAt(englishBlock.position)})`,
          place: codeLineRange(context.translated, block, translated.index),
          details,
          subject,
        });
      } else if (english) {
        context.report({
          message: `The English code line \`${quote(englishText!, QUOTED_LINE)}\` (${context.englishAt(englishPlace)}) is missing from the translation`,
          place: { start: block.position.start, end: block.position.start },
          details,
          subject,
        });
      }
    };

    /** One difference: English spans missing, alone, with a lookalike, or run together into one translated span. */
    const reportMissing = (difference: Difference<InlineCode>, region: Region) => {
      const { english, translated } = difference;
      // A segment's English is named by its stu span; a block's by the line of its first missing span.
      const englishAt = region.kind === 'span' ? region.englishAt(undefined) : region.englishAt(english[0].position as Range);
      const where = region.translated.range;
      const values = english.map((span) => span.value);
      const named = values.map((value) => `\`${quote(value)}\``).join(' and ');
      const subject = `span: ${values.join(' ')}`;
      if (translated && english.length > 1) {
        context.report({
          message: `The English code spans ${named} (${englishAt}) run together in the translation as \`${quote(translated.value)}\`: the text between them is missing`,
          place: translated.position as Range,
          details: { english: values, translated: translated.value },
          subject,
        });
      } else if (translated) {
        context.report({
          message: `The English code span ${named} (${englishAt}) is missing from the translation; did you mean \`${quote(translated.value)}\`?`,
          place: translated.position as Range,
          details: { english: values, translated: translated.value },
          subject,
        });
      } else {
        context.report({
          message: `The English code span ${named} (${englishAt}) is missing from the translation`,
          place: { start: where.start, end: where.start },
          details: { english: values, translated: null },
          subject,
        });
      }
    };

    for (const block of context.translated.blocks) {
      const englishBlock = context.alignment.englishOf(block);
      if (block.type === 'code' && englishBlock?.type === 'code') compareCode(block, englishBlock);
    }
    compareRegions(context, {
      policy: 'spans-then-blocks',
      skipBlock: (block) => block.type === 'code',
      tokens: (side, region) => ownTokens(side, region, spansWithin(codeIndex(side.document.tree), ...offsetsOf(side.range)), (code) => code.position!.start.offset!),
      key: (code) => code.value,
      compare: (translated, english) =>
        missingSpans(translated, english).map((missing) => ({ translated: missing.runTogether ?? missing.lookalike, english: missing.english })),
      report: reportMissing,
    });
  },
);
