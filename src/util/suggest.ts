/** "Did you mean …?" for misspelt names: options, commands, rule ids, configuration keys, front matter keys. */
import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate `name` is a few edits away from (case counts as an edit): at most a third of its length, and
 * never fewer than 2. Undefined when none is that close.
 */
export function closeName(name: string, candidates: string[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  // The edit distance is at least the difference in length: far longer or shorter names need no distance.
  const near = candidates.filter((candidate) => Math.abs(candidate.length - name.length) <= limit);
  if (near.length === 0) return undefined;
  const guess = closest(name, near);
  return distance(name, guess) <= limit ? guess : undefined;
}

export function didYouMean(name: string, candidates: string[]): string {
  if (candidates.length === 0) return '';
  const guess = closeName(name, candidates);
  if (guess !== undefined) return ` (did you mean "${guess}"?)`;
  // A shortened id (`stale-hash` for `stale-source-hash`): every word of it appears in one candidate.
  const words = name.toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  const containing = candidates.filter((candidate) => words.every((word) => candidate.toLowerCase().includes(word)));
  return containing.length === 1 ? ` (did you mean "${containing[0]}"?)` : '';
}
