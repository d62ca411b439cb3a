/**
 * Align the blocks of a translation with the blocks of its English sibling.
 *
 * Translations keep the English structure almost always, but not quite: a translator adds an anchor, merges two
 * short paragraphs, or a newer English page has an extra note. A plain index-by-index pairing would then compare
 * every later block with the wrong English. This is a sequence alignment (Needleman–Wunsch) in which blocks only
 * match blocks of the same kind, and a match is worth more when the two share link targets, code, or (span format)
 * the very English text. Gaps cost nothing, so an extra or missing block is skipped rather than forced.
 *
 * On very long files the search is limited to a band around the diagonal, which keeps time and memory linear.
 *
 * Both alignments take an optional {@link StepBudget}: the blocks of both sides come from files a contributor
 * controls (and, for {@link alignRevisions}, from any commit of the English history), so a caller that must not
 * stall on a hostile pair gives them a budget and, when it runs out, gets no alignment and says so.
 */
import { diffArrays } from 'diff';
import type { Block } from './types.js';
import { memoize } from '../util/memo.js';
import type { StepBudget } from '../util/budget.js';

export interface AlignedPair {
  translated?: Block;
  english?: Block;
}

export interface Alignment {
  /** Both sequences, in order, with matched blocks side by side. */
  pairs: AlignedPair[];
  /** The English block matched with a translated block, if any. */
  englishOf(block: Block): Block | undefined;
  /** The translated block matched with an English block, if any. */
  translatedOf(block: Block): Block | undefined;
  /** True when the step budget ran out: nothing is matched (`pairs` is empty). */
  exhausted?: boolean;
}

const FULL_TABLE_LIMIT = 4_000_000;
const BAND = 200;

function norm(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The English a translated block carries in its own span markup (span format), for matching. */
function embeddedEnglish(block: Block): string {
  return norm(block.spans.map((span) => span.english?.prose ?? '').join(' '));
}

/** What matching looks at, computed once per block rather than once per table cell. */
interface Features {
  block: Block;
  links: Set<string>;
  prose: string;
  /** The English carried in the block's own span markup (span format); '' otherwise. */
  embedded: string;
  /** Type and heading depth as a number: blocks of different kinds cannot match (checked per table cell). */
  kind: number;
}

const kinds = new Map<string, number>();
function kindOf(block: Block): number {
  const key = block.type === 'heading' ? `heading ${block.depth}` : block.type;
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = kinds.size;
    kinds.set(key, kind);
  }
  return kind;
}

function features(block: Block): Features {
  return {
    block,
    links: new Set(block.content.links.map((link) => link.url)),
    prose: norm(block.content.prose),
    embedded: embeddedEnglish(block),
    kind: kindOf(block),
  };
}

/** Features of English blocks, kept for the other locales of the run (they share the English document). */
const featuresOfEnglish = memoize(features);

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  return shared / (a.size + b.size - shared);
}

/** How good a match the two blocks make; 0 means they cannot match. */
function similarity(tf: Features, ef: Features): number {
  const t = tf.block;
  const e = ef.block;
  if (t.type !== e.type) return 0;
  if (t.type === 'heading' && t.depth !== e.depth) return 0;
  let score = t.context === e.context ? 1 : 0.5;
  score += jaccard(tf.links, ef.links);
  if (t.type === 'code' && t.code === e.code) score += 2;
  if (tf.embedded && tf.embedded === ef.prose) score += 3;
  else if (ef.prose && tf.prose === ef.prose) score += 1;
  return score;
}

const NO_ALIGNMENT: Alignment = { pairs: [], englishOf: () => undefined, translatedOf: () => undefined, exhausted: true };

/**
 * Align translated blocks with English blocks. With a budget, each table cell costs a step and comparing link
 * sets a step per link of the smaller set; the whole table is charged before it is filled, so a pair over
 * budget costs nothing beyond counting.
 */
export function alignBlocks(translated: Block[], english: Block[], budget?: StepBudget): Alignment {
  const n = translated.length;
  const m = english.length;
  const banded = n * m > FULL_TABLE_LIMIT;
  // Row i covers English columns lo(i)..hi(i); the band follows the diagonal from (0,0) to (n,m).
  const lo = (i: number) => (banded ? Math.max(0, Math.floor((i * m) / Math.max(n, 1)) - BAND) : 0);
  const hi = (i: number) => (banded ? Math.min(m, Math.floor((i * m) / Math.max(n, 1)) + BAND) : m);
  if (budget) {
    let cells = 0;
    for (let i = 0; i <= n; i++) cells += hi(i) - lo(i) + 1;
    if (!budget.spend(cells)) return NO_ALIGNMENT;
  }
  const tFeatures = translated.map(features);
  const eFeatures = english.map(featuresOfEnglish);

  // score[i][j]: best total for the first i translated and j English blocks; move: 0 diag, 1 up, 2 left. Row i
  // holds columns lo(i)..hi(i); a column outside the previous row's band scores -Infinity there.
  const moves: Uint8Array[] = [];
  let previous: Float64Array | undefined;
  let previousFrom = 0;
  let previousTo = -1;
  const above = (j: number) => (j >= previousFrom && j <= previousTo ? previous![j - previousFrom] : -Infinity);
  for (let i = 0; i <= n; i++) {
    const from = lo(i);
    const to = hi(i);
    const row = new Float64Array(to - from + 1);
    const move = new Uint8Array(to - from + 1);
    const tf = i > 0 ? tFeatures[i - 1] : undefined;
    let linkSteps = 0;
    for (let j = from; j <= to; j++) {
      if (i === 0 && j === 0) continue;
      let best = -Infinity;
      let choice = 0;
      if (tf && j > 0 && tf.kind === eFeatures[j - 1].kind) {
        linkSteps += Math.min(tf.links.size, eFeatures[j - 1].links.size);
        const sim = similarity(tf, eFeatures[j - 1]);
        if (sim > 0) {
          const value = above(j - 1) + sim;
          if (value > best) {
            best = value;
            choice = 0;
          }
        }
      }
      if (i > 0) {
        const value = above(j);
        if (value > best) {
          best = value;
          choice = 1;
        }
      }
      if (j > 0) {
        const value = j - 1 >= from ? row[j - 1 - from] : -Infinity;
        if (value > best) {
          best = value;
          choice = 2;
        }
      }
      row[j - from] = best;
      move[j - from] = choice;
    }
    if (budget && !budget.spend(linkSteps)) return NO_ALIGNMENT;
    moves.push(move);
    previous = row;
    previousFrom = from;
    previousTo = to;
  }

  const pairs: AlignedPair[] = [];
  const matched = new Map<Block, Block>();
  const translatedOfEnglish = new Map<Block, Block>();
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const move = j >= lo(i) && j <= hi(i) ? moves[i][j - lo(i)] : i > 0 ? 1 : 2;
    if (move === 0 && i > 0 && j > 0) {
      pairs.push({ translated: translated[i - 1], english: english[j - 1] });
      matched.set(translated[i - 1], english[j - 1]);
      translatedOfEnglish.set(english[j - 1], translated[i - 1]);
      i--;
      j--;
    } else if ((move === 1 && i > 0) || j === 0) {
      pairs.push({ translated: translated[i - 1] });
      i--;
    } else {
      pairs.push({ english: english[j - 1] });
      j--;
    }
  }
  pairs.reverse();
  return { pairs, englishOf: (block) => matched.get(block), translatedOf: (block) => translatedOfEnglish.get(block) };
}

/**
 * The largest edit length D whose Myers diff fits in `steps` for sequences of total length `length`: the diff
 * visits at most 2D+1 diagonals per edit length and each diagonal's furthest point only moves forward, so it
 * costs at most D² + (2D+1)·length steps.
 */
function editLengthWithin(steps: number, length: number): number {
  const edits = Math.floor(Math.sqrt(length * length - length + steps) - length);
  return Math.max(0, Math.min(edits, length));
}

/**
 * Two versions of the same English file: each block of the old version with the block it became in the new one.
 * Unlike {@link alignBlocks} (two languages), both sides are English, so text decides: unchanged blocks anchor
 * the alignment (a diff of the block texts, as `git diff` does with lines), and within each changed stretch an
 * old block becomes the new block of the same type whose words it shares most (none: it was removed). A block
 * removed in one stretch and added unchanged in another moved: it becomes that copy.
 *
 * With a budget, the diff costs D² + (2D+1)·(old + new blocks) steps for D changed blocks, and each comparison
 * within a changed stretch one step plus one per word of the smaller block; undefined when the budget runs out.
 */
export function alignRevisions(
  oldBlocks: Block[],
  oldText: (block: Block) => string,
  newBlocks: Block[],
  newText: (block: Block) => string,
  budget?: StepBudget,
): Map<Block, Block | undefined> | undefined {
  const result = new Map<Block, Block | undefined>();
  const oldTexts = oldBlocks.map(oldText);
  const newTexts = newBlocks.map(newText);
  const length = oldTexts.length + newTexts.length;
  const parts = budget ? diffArrays(oldTexts, newTexts, { maxEditLength: editLengthWithin(budget.remaining, length) }) : diffArrays(oldTexts, newTexts);
  if (!parts) {
    budget?.spend(Infinity);
    return undefined;
  }
  if (budget) {
    const edits = parts.reduce((sum, part) => sum + (part.added || part.removed ? (part.count ?? part.value.length) : 0), 0);
    if (!budget.spend(edits * edits + (2 * edits + 1) * length)) return undefined;
  }
  // The changed stretches between unchanged runs: old block indices removed, new block indices added.
  const stretches: { removed: number[]; added: number[] }[] = [];
  let stretch: { removed: number[]; added: number[] } | undefined;
  let oldIndex = 0;
  let newIndex = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed || part.added) {
      if (!stretch) {
        stretch = { removed: [], added: [] };
        stretches.push(stretch);
      }
      for (let i = 0; i < count; i++) (part.removed ? stretch.removed : stretch.added).push((part.removed ? oldIndex : newIndex) + i);
      if (part.removed) oldIndex += count;
      else newIndex += count;
    } else {
      stretch = undefined;
      for (let i = 0; i < count; i++) result.set(oldBlocks[oldIndex + i], newBlocks[newIndex + i]);
      oldIndex += count;
      newIndex += count;
    }
  }
  // A block moved across unchanged text is removed in one stretch and added in another: it became its copy.
  const addedByText = new Map<string, number[]>();
  for (const { added } of stretches) {
    for (const newOne of added) {
      const list = addedByText.get(newTexts[newOne]);
      if (list) list.push(newOne);
      else addedByText.set(newTexts[newOne], [newOne]);
    }
  }
  const copiesTaken = new Map<string, number>();
  const moved = new Set<number>();
  for (const { removed } of stretches) {
    for (const oldOne of removed) {
      const copies = addedByText.get(oldTexts[oldOne]);
      const taken = copiesTaken.get(oldTexts[oldOne]) ?? 0;
      if (!copies || taken === copies.length) continue;
      const copy = copies[taken];
      copiesTaken.set(oldTexts[oldOne], taken + 1);
      moved.add(copy);
      result.set(oldBlocks[oldOne], newBlocks[copy]);
    }
  }
  if (budget && !budget.spend(stretches.reduce((sum, { removed, added }) => sum + removed.length + added.length, 0))) return undefined;
  // Within a stretch, the rest: each old block becomes the free new block of its type whose words it shares most.
  const oldWords: (Set<string> | undefined)[] = [];
  const newWords: (Set<string> | undefined)[] = [];
  for (const { removed, added } of stretches) {
    const free = new Set(added.filter((newOne) => !moved.has(newOne)));
    for (const oldOne of removed) {
      const block = oldBlocks[oldOne];
      if (result.has(block)) continue;
      const left = (oldWords[oldOne] ??= wordsOf(oldTexts[oldOne]));
      let best: number | undefined;
      let bestScore = 0;
      let steps = 0;
      for (const newOne of free) {
        steps++;
        if (newBlocks[newOne].type !== block.type) continue;
        const right = (newWords[newOne] ??= wordsOf(newTexts[newOne]));
        steps += Math.min(left.size, right.size);
        const score = dice(left, right);
        if (score > bestScore) {
          best = newOne;
          bestScore = score;
        }
      }
      if (budget && !budget.spend(steps)) return undefined;
      if (best !== undefined) free.delete(best);
      result.set(block, best === undefined ? undefined : newBlocks[best]);
    }
  }
  return result;
}

const WORDLESS_MATCH = 0.01;

/** A text's words, lower-cased, for {@link dice}. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/**
 * Sørensen–Dice similarity of two word sets (0: nothing shared, 1: the same words). Two blocks without words
 * (`| * - *` became `| \*-\* |`) score a little above nothing, so that such a block becomes the first wordless
 * block of its type in the changed stretch rather than removed.
 */
function dice(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 && right.size === 0) return WORDLESS_MATCH;
  if (left.size === 0 || right.size === 0) return 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}
