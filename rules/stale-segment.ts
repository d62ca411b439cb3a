/**
 * @file stale-segment
 *
 * ## What it checks
 * A translated segment whose English has changed since it was translated, so it must be translated again even
 * when the rest of the file is fine. In the side-by-side span format every segment carries the English it was
 * translated from (the `data-stu-id` span inside `sxs-lookup`): when that English, compared as normalised
 * Markdown source (text and markup: link targets, emphasis, inline code), no longer occurs in the current
 * English file, the segment is stale. The message names the segment id and quotes the old English and the
 * closest sentence of the English block it aligns with now.
 *
 * Normalising (span format): whitespace runs become one space, character references (`&amp;`, `&#39;`) are
 * decoded and backslash escapes dropped, so rewrapped lines and re-encoded characters are not changes.
 *
 * In plain Markdown (no span markup) the English of each block is not in the file, so git supplies it: when the
 * English root is a git work tree and the translation records its source commit (`ms.sourcegitcommit`,
 * `l10n.sourceCommit`, `default_lang_commit`), its blocks are aligned with the English file at that commit, and:
 *
 * - a block whose English there is no longer a block of the current English is stale, quoted old and new. Blocks
 *   are compared as Markdown source with whitespace runs flattened and character references written as escapes
 *   (`&lt;` is `\<`), but backslash escapes kept: `<Relative Path>` becoming `\<Relative Path\>` turns an
 *   (invisible) HTML tag into text, `*-*` becoming `\*-\*` turns emphasis into text, so the page renders
 *   differently and the translation needs the same edit. A rewrapped paragraph is not a change.
 * - a change of markup only (the text around it is the same: a link target, `[OTLP](url)` becoming `[OTLP][]`,
 *   inline code, an escape, emphasis) is not reported when the translated block already holds each changed piece
 *   of markup as often as the new English does, nor when the translated block is the new English verbatim.
 * - a block of the current English that no block of the English at the source commit became is new English text
 *   with no translation. It is reported where it belongs in the translation: at the end of the translated block
 *   aligned with the nearest English block before it (line 1 when the new text comes before everything the
 *   translation has, the end of the file when nothing of the translation aligns). The cells of a new table row
 *   are one finding. Not new: a block the English at the source commit had too, moved (unless the English now
 *   has more copies of it), and a block the translation already holds verbatim (code, a name).
 *
 * Both alignments (translation with old English, old English with current English) spend steps from one budget
 * per pair, `maxAlignmentSteps`: the English history is whatever a pull request puts in it, and a rewritten
 * 400 KB file would otherwise take minutes. Over budget, the pair gets one finding at line 1 saying the English
 * changed too much to align block by block, with the `git diff` to read instead; the run goes on.
 *
 * ## Why
 * A hash says *that* a page is stale; translators need to know *which* segments to translate again. Re-sending
 * the whole page costs money and time, and leaves the unchanged segments' reviewed translations at risk.
 *
 * ## Options
 * - `maxAlignmentSteps` (integer, default 20,000,000): the work one plain pair's block alignments may do (about
 *   a table cell or a word compared per step; a page of a few hundred blocks takes well under a million).
 *
 * ## Examples
 *
 * @example
 *   {"name": "the segment's English still occurs in the English file, rewrapped"}
 *   ~~~english
 *   There are several steps you can take
 *   to help increase security in your organization:
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-103">Es gibt mehrere Schritte.</span><span class="sxs-lookup"><span data-stu-id="f6f19-103">There are several steps you can take to help increase security in your organization:</span></span>
 *   ~~~
 *
 * @example
 *   {"name": "the English changed since the segment was translated"}
 *   ~~~english
 *   There are several steps you can take to help increase security in your organization:
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-103">Es gibt mehrere Schritte.</span><span class="sxs-lookup"><span data-stu-id="f6f19-103">There are several steps you can take to help increase security in your Office 365 organization:</span></span>
 *   ~~~
 *   ~~~findings
 *   1:1 stale-segment Segment "f6f19-103" is stale: its English "There are several steps you can take to help increase security in your Office 365 organization:" is now "There are several steps you can take to help increase security in your organization:" (en-us/example.md:1)
 *   ~~~
 *
 * @example
 *   {"name": "a changed link target is a change too"}
 *   ~~~english
 *   See [this topic](https://example.com/new).
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-104">Siehe [dieses Thema](https://example.com/old).</span><span class="sxs-lookup"><span data-stu-id="f6f19-104">See [this topic](https://example.com/old).</span></span>
 *   ~~~
 *   ~~~findings
 *   1:1 stale-segment Segment "f6f19-104" is stale: its English "See [this topic](https://example.com/old)." is now "See [this topic](https://example.com/new)." (en-us/example.md:1)
 *   ~~~
 */
import {
  defineRule,
  BLOCK_NAMES,
  StepBudget,
  alignBlocks,
  alignRevisions,
  normaliseMarkup,
  normaliseSource,
  quote,
  type Alignment,
  type RuleContext,
  type Block,
  type LocDocument,
  type SpanSegment,
} from '../src/rule-kit/index.js';

interface StaleSegmentOptions {
  maxAlignmentSteps: number;
}

/** Longest quotation of old and new English in a message. */
const QUOTE_LENGTH = 120;
/**
 * Characters of English text a file may search for moved segments in total. Each segment is looked for in the
 * English block it aligns with first; only segments that moved need the whole file, and a hostile file with
 * 100,000 segments must not make that quadratic. Beyond the budget a segment not found in its block is
 * judged on that block alone.
 */
const SEARCH_BUDGET = 50_000_000;

/** The sentence of `text` that shares the most words with `old`: what the segment's English became. */
function closestSentence(text: string, old: string): string {
  const sentences = text.split(/(?<=[.!?:;])\s+/).filter(Boolean);
  if (sentences.length <= 1) return text;
  const oldWords = new Set(old.toLowerCase().split(/\W+/).filter(Boolean));
  let best = sentences[0];
  let bestScore = -1;
  for (const sentence of sentences) {
    const words = sentence.toLowerCase().split(/\W+/).filter(Boolean);
    const shared = words.filter((word) => oldWords.has(word)).length;
    const score = (2 * shared) / (words.length + oldWords.size || 1);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

export default defineRule(
  {
    id: 'stale-segment',
    type: 'problem',
    docs: { description: "each span segment's own English still occurs in the English file and, in plain files with git, no block's English changed or was added since the source commit" },
    defaultSeverity: 'warn',
    compares: 'current',
    schema: { type: 'object', additionalProperties: false, properties: { maxAlignmentSteps: { type: 'integer', minimum: 1 } } },
    defaultOptions: { maxAlignmentSteps: 20_000_000 } as StaleSegmentOptions,
  },
  (context) => {
    const { translated, english, alignment } = context;
    if (!translated.spanFormat) {
      checkPlainBlocks(context);
      return;
    }
    if (translated.spans.length === 0) return;
    const bodyStart = english.tree.children.find((node) => node.type !== 'yaml')?.position?.start.offset ?? 0;
    const englishBlockText = new Map<Block, string>();
    const blockText = (block: Block) => {
      let text = englishBlockText.get(block);
      if (text === undefined) {
        text = normaliseSource(english.text.slice(block.position.start.offset, block.position.end.offset));
        englishBlockText.set(block, text);
      }
      return text;
    };
    let wholeEnglish: string | undefined;
    let budget = SEARCH_BUDGET;
    const occursInEnglish = (segment: SpanSegment, old: string, aligned: Block | undefined): boolean => {
      if (aligned && blockText(aligned).includes(old)) return true;
      wholeEnglish ??= normaliseSource(english.text.slice(bodyStart));
      if (budget < wholeEnglish.length) return aligned === undefined; // out of budget: judge no further
      budget -= wholeEnglish.length;
      return wholeEnglish.includes(old);
    };

    for (const segment of translated.spans) {
      if (!segment.englishPosition) continue; // no English to compare: missing-span-id's business
      const old = normaliseSource(translated.text.slice(segment.englishPosition.start.offset, segment.englishPosition.end.offset));
      if (old === '') continue;
      const block = translated.blocks[segment.blockIndex];
      const aligned = block ? alignment.englishOf(block) : undefined;
      if (occursInEnglish(segment, old, aligned)) continue;
      const now = aligned ? closestSentence(blockText(aligned), old) : undefined;
      context.report({
        message:
          `Segment "${segment.id}" is stale: its English "${quote(old, QUOTE_LENGTH)}" ` +
          (now ? `is now "${quote(now, QUOTE_LENGTH)}" (${context.englishAt(aligned!.position)})` : `no longer occurs in ${context.englishDisplayPath}`),
        place: segment.position,
        details: { id: segment.id, oldEnglish: old, ...(now ? { newEnglish: now, english: context.englishAt(aligned!.position) } : {}) },
        subject: `${segment.id}\n${old}`,
      });
    }
  },
);

/**
 * Markup of a block's normalised source ({@link normaliseMarkup}): the inline code spans, link destinations,
 * reference labels, autolinks, HTML tags, escapes and emphasis runs it holds (counted), and `rest`, the source
 * with each of them replaced by a marker (an HTML tag keeps its inner text between markers, so `<Path>` and
 * `\<Path\>` have the same rest). Two sources with the same rest differ in markup only.
 */
interface Markup {
  tokens: Map<string, number>;
  rest: string;
}

const MARKER = '\u0000';
/** Markup outside code spans; an escape is matched before the character it escapes. */
const MARKUP_TOKEN = /\\[!-/:-@[-`{-~]|\]\([^()\s]*(?: "[^"]*")?\)|\]\[[^[\]]*\]|<[a-z][\w+.-]*:[^\s<>]*>|<\/?([a-z][\w-]*(?: [^<>]*)?)\/?>|\*+|_+|~~/gi;

function markupOf(text: string): Markup {
  const tokens = new Map<string, number>();
  const add = (token: string) => tokens.set(token, (tokens.get(token) ?? 0) + 1);
  const outsideCode = (piece: string) =>
    piece.replace(MARKUP_TOKEN, (whole, tag: string | undefined) => {
      add(whole.toLowerCase());
      return tag === undefined ? MARKER : `${MARKER}${tag}${MARKER}`;
    });
  // Code spans by their backtick runs: a run closes at the next run of the same length (one pass over the runs).
  const runs = [...text.matchAll(/`+/g)].map((match) => ({ start: match.index, length: match[0].length }));
  const nextOfLength = new Map<number, number[]>();
  for (const [index, run] of runs.entries()) {
    const list = nextOfLength.get(run.length) ?? [];
    list.push(index);
    nextOfLength.set(run.length, list);
  }
  const seen = new Map<number, number>();
  let rest = '';
  let from = 0;
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index];
    if (run.start < from) continue;
    const list = nextOfLength.get(run.length)!;
    let position = seen.get(run.length) ?? 0;
    while (position < list.length && list[position] <= index) position++;
    seen.set(run.length, position);
    if (position === list.length) continue; // never closed: literal backticks
    const close = runs[list[position]];
    add(`code:${text.slice(run.start + run.length, close.start).trim()}`);
    rest += outsideCode(text.slice(from, run.start)) + MARKER;
    from = close.start + close.length;
    index = list[position];
  }
  rest += outsideCode(text.slice(from));
  return { tokens, rest };
}

/**
 * Does a translated block already carry the change from `oldText` to `newText` (normalised English sources)?
 * Yes when it is the new English verbatim, or when the change is markup only (same text around the markup) and
 * the translation holds each changed piece of markup as often as the new English does: the English changed
 * `[OTLP](url)` to `[OTLP][]` and the translation reads `[OTLP][]`.
 */
function carriesChange(oldText: string, newText: string, translatedText: string): boolean {
  if (translatedText === newText) return true;
  const before = markupOf(oldText);
  const after = markupOf(newText);
  if (before.rest !== after.rest) return false;
  const translated = markupOf(translatedText).tokens;
  let changed = false;
  for (const token of new Set([...before.tokens.keys(), ...after.tokens.keys()])) {
    const now = after.tokens.get(token) ?? 0;
    if ((before.tokens.get(token) ?? 0) === now) continue;
    changed = true;
    if ((translated.get(token) ?? 0) !== now) return false;
  }
  return changed;
}

/**
 * Plain Markdown with git history: the translation was made from the English at its source commit, so align its
 * blocks with that English; a block whose English there is no longer a block of the current English must be
 * re-translated. Its new English is the current block aligned with the old one (none: it was removed). Current
 * blocks that no old block became are new English text; each is reported where it belongs in the translation.
 */
function checkPlainBlocks(context: RuleContext<StaleSegmentOptions>): void {
  const { translated, english } = context;
  const since = context.origin.since;
  const old = since?.englishAtSource;
  if (!since || !old) return;
  const commit = (since.commit ?? since.recorded.value).slice(0, 7);
  const textOf = (document: LocDocument) => {
    const texts = new Map<Block, string>();
    return (block: Block) => {
      let text = texts.get(block);
      if (text === undefined) {
        text = normaliseMarkup(document.text.slice(block.position.start.offset, block.position.end.offset));
        texts.set(block, text);
      }
      return text;
    };
  };
  const oldText = textOf(old);
  const currentText = textOf(english);
  const translatedText = textOf(translated);

  const budget = new StepBudget(context.options.maxAlignmentSteps);
  const translatedToOld = alignBlocks(translated.blocks, old.blocks, budget);
  const oldToCurrent = translatedToOld.exhausted ? undefined : alignRevisions(old.blocks, oldText, english.blocks, currentText, budget);
  if (!oldToCurrent) {
    context.report({
      message:
        `The English changed too much since ${commit} to align block by block (more than ${context.options.maxAlignmentSteps} steps): ` +
        `which blocks are stale is not known; compare the translation with git diff ${commit} -- ${context.englishDisplayPath}`,
      place: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      details: { sourceCommit: since.commit, maxAlignmentSteps: context.options.maxAlignmentSteps, oldBlocks: old.blocks.length, newBlocks: english.blocks.length },
      subject: `too large to align\n${since.commit ?? since.recorded.value}`,
    });
    return;
  }

  const current = new Set(english.blocks.map(currentText));
  for (const block of translated.blocks) {
    const oldBlock = translatedToOld.englishOf(block);
    if (!oldBlock) continue;
    const before = oldText(oldBlock);
    if (before === '' || current.has(before)) continue;
    const newBlock = oldToCurrent.get(oldBlock);
    const newText = newBlock ? currentText(newBlock) : undefined;
    if (newText !== undefined && carriesChange(before, newText, translatedText(block))) continue;
    context.report({
      message:
        `${BLOCK_NAMES[block.type]} is stale: its English at ${commit} "${quote(before, QUOTE_LENGTH)}" ` +
        (newText !== undefined ? `is now "${quote(newText, QUOTE_LENGTH)}" (${context.englishAt(newBlock!.position)})` : `was removed from ${context.englishDisplayPath}`),
      place: block.position,
      details: { oldEnglish: before, sourceCommit: since.commit, ...(newText !== undefined ? { newEnglish: newText, english: context.englishAt(newBlock!.position) } : {}) },
      subject: before,
    });
  }
  reportAddedBlocks(context, { old, oldText, translatedToOld, oldToCurrent, currentText, translatedText, commit, sourceCommit: since.commit });
}

interface AddedBlocksInput {
  old: LocDocument;
  oldText: (block: Block) => string;
  translatedToOld: Alignment;
  oldToCurrent: Map<Block, Block | undefined>;
  currentText: (block: Block) => string;
  translatedText: (block: Block) => string;
  commit: string;
  sourceCommit?: string;
}

/**
 * Blocks of the current English that no block at the source commit became: new English text, not in the
 * translation. Each is reported after the translated block aligned with the nearest English block before it
 * (line 1 when none precedes it, the end of the file when nothing of the translation aligns); the cells of a new
 * table row are one finding. Not reported: a block the old English had too (moved; unless the current English
 * has more copies of it), a block the translation holds verbatim (code, names), and a block the
 * translation's own alignment with the current English matches with a translated block that has no English at
 * the source commit (the translator already added it).
 */
function reportAddedBlocks(context: RuleContext<StaleSegmentOptions>, input: AddedBlocksInput): void {
  const { translated, english } = context;
  const { old, translatedToOld, oldToCurrent, oldText, currentText, translatedText, commit } = input;
  const currentToOld = new Map<Block, Block>();
  for (const [oldBlock, newBlock] of oldToCurrent) if (newBlock) currentToOld.set(newBlock, oldBlock);
  const oldToTranslated = new Map<Block, Block>();
  for (const pair of translatedToOld.pairs) if (pair.translated && pair.english) oldToTranslated.set(pair.english, pair.translated);
  const verbatim = new Set(translated.blocks.map(translatedText));
  // A block the old English already had (moved across a change the diff cannot follow) is not new text, unless the
  // current English has more copies of it than the old one (a second "### Issue" heading).
  const copies = (texts: string[]) => {
    const counts = new Map<string, number>();
    for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
    return counts;
  };
  const oldCopies = copies(old.blocks.map(oldText));
  const currentCopies = copies(english.blocks.map(currentText));
  const alreadyAdded = new Set<Block>();
  for (const block of translated.blocks) {
    const now = context.alignment.englishOf(block);
    if (now && !translatedToOld.englishOf(block)) alreadyAdded.add(now);
  }
  const start = { line: 1, column: 1, offset: 0 };
  const end = translated.pointAt(translated.text.length);

  let anchor: Block | undefined;
  let group: Block[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const first = group[0];
    const row = group.length > 1;
    const text = row ? normaliseMarkup(english.text.slice(first.position.start.offset, group[group.length - 1].position.end.offset)) : currentText(first);
    const where = context.englishAt(first.position);
    const place = anchor ? anchor.position.end : oldToTranslated.size > 0 ? start : end;
    context.report({
      message: `New English text since ${commit} has no translation: ${row ? 'table row' : BLOCK_NAMES[first.type].toLowerCase()} "${quote(text, QUOTE_LENGTH)}" (${where})`,
      place: { start: place, end: place },
      details: { newEnglish: text, english: where, sourceCommit: input.sourceCommit, added: true },
      subject: `added\n${text}`,
    });
    group = [];
  };
  for (const block of english.blocks) {
    const oldBlock = currentToOld.get(block);
    if (oldBlock) {
      flush();
      anchor = oldToTranslated.get(oldBlock) ?? anchor;
      continue;
    }
    const text = currentText(block);
    const moved = (oldCopies.get(text) ?? 0) >= currentCopies.get(text)!;
    if (text === '' || moved || verbatim.has(text) || alreadyAdded.has(block)) {
      flush();
      continue;
    }
    const sameRow = group.length > 0 && block.type === 'tableCell' && group[0].type === 'tableCell' && group[0].position.start.line === block.position.start.line;
    if (!sameRow) flush();
    group.push(block);
  }
  flush();
}
