import { matchesFilter, parseFilter, ScimFilterError, SchemaRegistry, type Filter } from '@shared/scim';

type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'filter'; filter: Filter; text: string };

export type PathValues = { values: unknown[] } | { problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A member of an object; SCIM attribute names are case-insensitive. */
function member(record: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** The bracket's content, from after `[` to its `]` (quoted strings may hold a `]`). */
function bracketEnd(text: string, start: number): number {
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ']') return i;
  }
  return -1;
}

function parseSegments(text: string): Segment[] | { problem: string } {
  const out: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      continue;
    }
    if (text[i] === '[') {
      const end = bracketEnd(text, i + 1);
      if (end < 0) return { problem: `"[" at column ${i + 1} is not closed` };
      const inner = text.slice(i + 1, end).trim();
      i = end + 1;
      if (/^\d+$/.test(inner)) {
        out.push({ kind: 'index', index: Number(inner) });
      } else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) {
        out.push({ kind: 'name', name: JSON.parse(inner) as string });
      } else {
        try {
          out.push({ kind: 'filter', filter: parseFilter(inner, { lenient: true }), text: inner });
        } catch (error) {
          if (error instanceof ScimFilterError) return { problem: `the filter [${inner}] does not parse: ${error.message}` };
          throw error;
        }
      }
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    out.push({ kind: 'name', name: text.slice(i, end).trim() });
    i = end;
  }
  return out;
}

/** A leading schema URN: a key of the body it names (`urn:…:enterprise:2.0:User:manager.value`), or a known schema's. */
function splitUrn(json: unknown, path: string, registry: SchemaRegistry): { key: string; rest: string } | undefined {
  if (!/^urn:/i.test(path)) return undefined;
  const lower = path.toLowerCase();
  const keys = isObject(json) ? Object.keys(json).filter((k) => /^urn:/i.test(k)) : [];
  const key = keys
    .filter((k) => lower === k.toLowerCase() || lower.startsWith(`${k.toLowerCase()}:`))
    .sort((a, b) => b.length - a.length)[0];
  if (key) return { key, rest: path.slice(key.length + 1) };
  const known = registry.splitUrn(path);
  return known ? { key: known.uri, rest: known.rest } : undefined;
}

function step(values: readonly unknown[], segment: Segment): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (segment.kind === 'index') {
      if (Array.isArray(value) && segment.index < value.length) out.push(value[segment.index]);
    } else if (segment.kind === 'filter') {
      const candidates = Array.isArray(value) ? value : [value];
      for (const candidate of candidates) if (isObject(candidate) && matchesFilter(candidate, segment.filter)) out.push(candidate);
    } else if (Array.isArray(value)) {
      // `Resources.length`; otherwise a sub-attribute of each value of a multi-valued attribute (`emails.value`)
      if (segment.name === 'length' && !value.some((v) => isObject(v) && member(v, 'length') !== undefined)) out.push(value.length);
      else for (const item of value) if (isObject(item)) out.push(member(item, segment.name));
    } else if (isObject(value)) {
      out.push(member(value, segment.name));
    }
  }
  return out.filter((v) => v !== undefined);
}

/**
 * The values at a JSON/SCIM path of a response body: `id`, `meta.location`, `Resources[0].id`,
 * `Resources.length`, `emails[type eq "work"].value` (the filter read by the SCIM filter engine),
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`. Names are matched
 * ignoring case; on a multi-valued attribute the path reaches every value. A value that is an array
 * at the end gives its elements; `null` counts as no value (RFC 7643 §2.5).
 */
export function valuesAt(json: unknown, path: string, registry: SchemaRegistry = SchemaRegistry.core()): PathValues {
  const text = path.trim().replace(/^\$\.?/, '');
  let values: unknown[] = [json];
  let rest = text;
  const urn = splitUrn(json, text, registry);
  if (urn) {
    values = isObject(json) ? [member(json, urn.key)].filter((v) => v !== undefined) : [];
    rest = urn.rest;
  }
  const segments = parseSegments(rest);
  if ('problem' in segments) return segments;
  for (const segment of segments) values = step(values, segment);
  return { values: values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined) };
}
