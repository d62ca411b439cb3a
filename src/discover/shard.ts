/**
 * `--shard i/n`: a CI matrix of n jobs, each linting a deterministic 1/n of the pairs.
 *
 * Pairs are dealt out by English file, so every translation of a page lands in the same shard and each English
 * file is parsed in one shard only. English files are sorted by path and dealt round-robin, which keeps the
 * shards within one English file of each other in size and gives every pair exactly one shard.
 */
import type { Pair } from './discover.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parse `i/n` (1 ≤ i ≤ n); returns an error message for anything else. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (!match) return `--shard expects i/n, such as 2/4, got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: i must be between 1 and n, and n at least 1`;
  return { index, count };
}

/** Works for anything with a relative path: pairs, and also orphans and links, each dealt out on their own. */
export function selectShard<Item extends Pick<Pair, 'relPath'>>(pairs: Item[], shard: Shard): Item[] {
  const english = [...new Set(pairs.map((pair) => pair.relPath))].sort();
  const mine = new Set(english.filter((_, position) => position % shard.count === shard.index - 1));
  return pairs.filter((pair) => mine.has(pair.relPath));
}
