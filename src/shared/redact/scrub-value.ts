/**
 * Applies `scrub` to every string *value* inside a structured value (objects, arrays, nested),
 * never to a key and never changing the structure: a secret that happens to be spelled like a
 * field name cannot turn `{"password": …}` into `{"[REDACTED]": …}`. Parts without a change are
 * returned as they are (no copy); `contains` lets a caller skip the walk when nothing is there.
 */
export function scrubStrings<T>(value: T, scrub: (text: string) => string): T {
  return walk(value, scrub) as T;
}

function walk(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return value.length === 0 ? value : scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = walk(item, scrub);
      if (clean !== item) (out ??= value.slice())[i] = clean;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    const clean = walk(child, scrub);
    if (clean !== child) (out ??= { ...record })[key] = clean;
  }
  return out ?? value;
}
