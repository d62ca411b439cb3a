/**
 * The items of a list sorted by start offset that start within `[start, end)`: a binary search for the first,
 * then a walk to the end of the range (code spans of a region, text pieces of a region).
 */
export function startingWithin<T>(sorted: readonly T[], startOf: (item: T) => number, start: number, end: number): T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(sorted[mid]) < start) low = mid + 1;
    else high = mid;
  }
  const found: T[] = [];
  for (let i = low; i < sorted.length && startOf(sorted[i]) < end; i++) found.push(sorted[i]);
  return found;
}
