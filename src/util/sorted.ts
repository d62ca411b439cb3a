/**
 * Look-ups in lists sorted by start offset (code spans, text pieces, blocks, span regions): a binary search
 * written once.
 */

/** The index of the first item that starts at or after `offset` (the list's length when there is none). */
function firstStartingFrom<T>(sorted: readonly T[], startOf: (item: T) => number, offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(sorted[mid]) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The items that start within `[start, end)`: the first found by a binary search, then a walk to the end. */
export function startingWithin<T>(sorted: readonly T[], startOf: (item: T) => number, start: number, end: number): T[] {
  const found: T[] = [];
  for (let i = firstStartingFrom(sorted, startOf, start); i < sorted.length && startOf(sorted[i]) < end; i++) found.push(sorted[i]);
  return found;
}

/** The index of the last item that starts at or before `offset`, or -1 (the item that may contain `offset`). */
export function lastStartingAtOrBefore<T>(sorted: readonly T[], startOf: (item: T) => number, offset: number): number {
  return firstStartingFrom(sorted, startOf, offset + 1) - 1;
}
