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
 */
import { diffArrays } from 'diff';
import type { Block } from './document.js';
import { memoize } from '../util/memo.js';

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
  let shared = 0;
  for (const value of a) if (b.has(value)) shared++;
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

export function alignBlocks(translated: Block[], english: Block[]): Alignment {
  const n = translated.length;
  const m = english.length;
  const banded = n * m > FULL_TABLE_LIMIT;
  // Row i covers English columns lo(i)..hi(i); the band follows the diagonal from (0,0) to (n,m).
  const lo = (i: number) => (banded ? Math.max(0, Math.floor((i * m) / Math.max(n, 1)) - BAND) : 0);
  const hi = (i: number) => (banded ? Math.min(m, Math.floor((i * m) / Math.max(n, 1)) + BAND) : m);
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
    for (let j = from; j <= to; j++) {
      if (i === 0 && j === 0) continue;
      let best = -Infinity;
      let choice = 0;
      if (tf && j > 0 && tf.kind === eFeatures[j - 1].kind) {
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
 * Two versions of the same English file: each block of the old version with the block it became in the new one.
 * Unlike {@link alignBlocks} (two languages), both sides are English, so text decides: unchanged blocks anchor
 * the alignment (a diff of the block texts, as `git diff` does with lines), and within each changed stretch an
 * old block becomes the new block of the same type whose words it shares most (none: it was removed).
 */
export function alignRevisions(oldBlocks: Block[], oldText: (block: Block) => string, newBlocks: Block[], newText: (block: Block) => string): Map<Block, Block | undefined> {
  const result = new Map<Block, Block | undefined>();
  const parts = diffArrays(oldBlocks.map(oldText), newBlocks.map(newText));
  let oldIndex = 0;
  let newIndex = 0;
  let removed: Block[] = [];
  let added: Block[] = [];
  const settle = () => {
    const free = new Set(added);
    for (const block of removed) {
      let best: Block | undefined;
      let bestScore = 0;
      for (const candidate of free) {
        if (candidate.type !== block.type) continue;
        const score = dice(oldText(block), newText(candidate));
        if (score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
      if (best) free.delete(best);
      result.set(block, best);
    }
    removed = [];
    added = [];
  };
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed) {
      removed.push(...oldBlocks.slice(oldIndex, oldIndex + count));
      oldIndex += count;
    } else if (part.added) {
      added.push(...newBlocks.slice(newIndex, newIndex + count));
      newIndex += count;
    } else {
      settle();
      for (let i = 0; i < count; i++) result.set(oldBlocks[oldIndex + i], newBlocks[newIndex + i]);
      oldIndex += count;
      newIndex += count;
    }
  }
  settle();
  return result;
}

/** Sørensen–Dice similarity of two texts' word sets (0: nothing shared, 1: the same words). */
function dice(a: string, b: string): number {
  const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}
