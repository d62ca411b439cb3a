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
 * Normalising: whitespace runs become one space, character references (`&amp;`, `&#39;`) are decoded and
 * backslash escapes dropped, so rewrapped lines and re-encoded characters are not changes.
 *
 * In plain Markdown (no span markup) the English of each block is not in the file, so git supplies it: when the
 * English root is a git work tree and the translation records its source commit (`ms.sourcegitcommit`,
 * `l10n.sourceCommit`, `default_lang_commit`), its blocks are aligned with the English file at that commit, and a
 * block whose English there is no longer a block of the current English is stale, quoted old and new.
 *
 * ## Why
 * A hash says *that* a page is stale; translators need to know *which* segments to translate again. Re-sending
 * the whole page costs money and time, and leaves the unchanged segments' reviewed translations at risk.
 *
 * ## Options
 * None.
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
import { defineRule, BLOCK_NAMES, alignBlocks, alignRevisions, normaliseSource, quote, type RuleContext, type Block, type LocDocument, type SpanSegment } from '../src/rule-kit/index.js';

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
    docs: { description: "each span segment's own English still occurs in the English file and, in plain files with git, no block's English changed since the source commit" },
    defaultSeverity: 'warn',
    compares: 'current',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
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
 * Plain Markdown with git history: the translation was made from the English at its source commit, so align its
 * blocks with that English; a block whose English there is no longer a block of the current English must be
 * re-translated. Its new English is the current block aligned with the old one (none: it was removed).
 */
function checkPlainBlocks(context: RuleContext<object>): void {
  const { translated, english } = context;
  const since = context.origin.since;
  const old = since?.englishAtSource;
  if (!since || !old) return;
  const textOf = (document: LocDocument, block: Block) => normaliseSource(document.text.slice(block.position.start.offset, block.position.end.offset));
  const current = new Set(english.blocks.map((block) => textOf(english, block)));
  const translatedToOld = alignBlocks(translated.blocks, old.blocks);
  let oldToCurrent: Map<Block, Block | undefined> | undefined;
  const commit = (since.commit ?? since.recorded.value).slice(0, 7);
  for (const block of translated.blocks) {
    const oldBlock = translatedToOld.englishOf(block);
    if (!oldBlock) continue;
    const oldText = textOf(old, oldBlock);
    if (oldText === '' || current.has(oldText)) continue;
    oldToCurrent ??= alignRevisions(old.blocks, (oldOne) => textOf(old, oldOne), english.blocks, (newOne) => textOf(english, newOne));
    const newBlock = oldToCurrent.get(oldBlock);
    const newText = newBlock ? textOf(english, newBlock) : undefined;
    context.report({
      message:
        `${BLOCK_NAMES[block.type]} is stale: its English at ${commit} "${quote(oldText, QUOTE_LENGTH)}" ` +
        (newText !== undefined ? `is now "${quote(newText, QUOTE_LENGTH)}" (${context.englishAt(newBlock!.position)})` : `was removed from ${context.englishDisplayPath}`),
      place: block.position,
      details: { oldEnglish: oldText, sourceCommit: since.commit, ...(newText !== undefined ? { newEnglish: newText, english: context.englishAt(newBlock!.position) } : {}) },
      subject: oldText,
    });
  }
}
