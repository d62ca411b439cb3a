/** "Did you mean …?" for misspelt names: options, commands, rule ids, configuration keys. */
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(name: string, candidates: string[]): string {
  if (candidates.length === 0) return '';
  const guess = closest(name, candidates);
  if (distance(name, guess) <= Math.max(2, Math.floor(name.length / 3))) return ` (did you mean "${guess}"?)`;
  // A shortened id (`stale-hash` for `stale-source-hash`): every word of it appears in one candidate.
  const words = name.toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  const containing = candidates.filter((candidate) => words.every((word) => candidate.toLowerCase().includes(word)));
  return containing.length === 1 ? ` (did you mean "${containing[0]}"?)` : '';
}
