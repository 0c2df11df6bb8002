/** A normalised sort key: lowercased text for case-insensitive strings, epoch ms for dateTimes; null when unassigned. */
export type SortKey = string | number | boolean | null;

export interface Ordered {
  readonly key: SortKey;
  readonly seq: number;
}

/**
 * RFC 7644 §3.4.2.3: unassigned values sort last when ascending and first when descending. Equal
 * keys keep insertion order in both directions, so the order is total and stable across pages.
 */
export function comparePositions(a: Ordered, b: Ordered, descending: boolean): number {
  const byKey = compareKeys(a.key, b.key);
  if (byKey !== 0) return descending ? -byKey : byKey;
  return a.seq - b.seq;
}

/** Ascending key order with unassigned values last. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Position `i` of a sorted sequence, without materialising the sequence. */
export type PositionAt = (i: number) => Ordered;

/** The index of the first entry strictly after `position` (`length` entries sorted by the same comparison). */
export function indexAfter(length: number, at: PositionAt, position: Ordered, descending: boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(at(mid), position, descending) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first entry at or after `position`. */
export function indexAtOrAfter(length: number, at: PositionAt, position: Ordered, descending: boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(at(mid), position, descending) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
