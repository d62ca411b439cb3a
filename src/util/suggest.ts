/**
 * "Did you mean …?": one guess for every place that makes one — misspelt options, commands, rule ids and
 * configuration keys, a renamed file, an anchor typed over, a code span retyped.
 */
import { distance } from 'fastest-levenshtein';

/** The Levenshtein distance of `a` and `b` if it is at most `limit`, else `limit + 1` (lengths further apart are not compared). */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  return Math.min(distance(a, b), limit + 1);
}

export interface NearestOptions<T> {
  /** The text of a candidate (default: the candidate, for strings). */
  text?(candidate: T): string;
  /** The most edits a guess may be away (default: a third of the name's length, at least 2). */
  limit?: number;
  /** The form both sides are compared in (for example lower case with blanks collapsed); equal forms win at once. */
  normalise?(text: string): string;
  /** Candidates not to offer (they are not counted in `maxCandidates`). */
  skip?(candidate: T): boolean;
  /** Compare at most this many candidates (bounds the work on hostile input). */
  maxCandidates?: number;
  /** Forms longer than this are compared for equality only. */
  maxFuzzyLength?: number;
}

/** The first of `candidates` at the least edit distance from `name`, if that is at most `limit` edits. */
export function nearest<T = string>(name: string, candidates: Iterable<T>, options: NearestOptions<T> = {}): T | undefined {
  const { text = String, normalise = (value: string) => value, skip, maxCandidates = Infinity, maxFuzzyLength = Infinity } = options;
  const limit = options.limit ?? Math.max(2, Math.floor(name.length / 3));
  const target = normalise(name);
  let best: T | undefined;
  let bestDistance = limit + 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (skip?.(candidate)) continue;
    if (++compared > maxCandidates) break;
    const form = normalise(text(candidate));
    if (form === target) return candidate;
    if (form.length > maxFuzzyLength || target.length > maxFuzzyLength) continue;
    // Only a candidate closer than the best so far can win: the bound shrinks as guesses improve.
    const edits = boundedDistance(form, target, bestDistance - 1);
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` after a misspelt name, or ''. */
export function didYouMean(name: string, candidates: string[]): string {
  const guess = nearest(name, candidates) ?? holdingEveryWord(name, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** A shortened name (`stale-hash` for `stale-source-hash`): the one candidate that holds every word of it. */
function holdingEveryWord(name: string, candidates: string[]): string | undefined {
  const words = name.toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  const holding = candidates.filter((candidate) => words.every((word) => candidate.toLowerCase().includes(word)));
  return holding.length === 1 ? holding[0] : undefined;
}
