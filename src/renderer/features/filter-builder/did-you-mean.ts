/** Optimal-string-alignment distance (a swap of two neighbours counts once), stopping past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known path the user most likely meant by an unknown `written` (case-insensitive): a close
 * spelling (`usrName` → `userName`), or the full path of a bare sub-attribute (`familyName` →
 * `name.familyName`). Undefined when nothing is close enough to be a useful guess.
 */
export function didYouMean(written: string, known: readonly string[]): string | undefined {
  const lower = written.trim().toLowerCase();
  if (!lower) return undefined;
  const bySuffix = known.filter((path) => path.toLowerCase().endsWith(`.${lower}`) || path.toLowerCase().endsWith(`:${lower}`));
  if (bySuffix.length === 1) return bySuffix[0];
  const limit = Math.max(1, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const path of known) {
    const candidate = path.toLowerCase();
    const distance = editDistance(lower, candidate, Math.min(limit, bestDistance));
    if (distance < bestDistance) {
      best = path;
      bestDistance = distance;
    }
    const last = candidate.slice(Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf(':')) + 1);
    if (last !== candidate) {
      const d = editDistance(lower, last, Math.min(limit, bestDistance - 1));
      if (d < bestDistance) {
        best = path;
        bestDistance = d;
      }
    }
  }
  return best;
}
