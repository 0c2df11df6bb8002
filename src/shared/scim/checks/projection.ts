import { hasValue } from '../json';
import type { ScimAttribute, ScimResourceType } from '../schema/types';
import { member } from './features';
import { valueAt } from './queries';
import { isObject, type Json } from './responses';
import type { ServerFacts } from './types';

/**
 * Reads a partial representation (RFC 7644 §3.9, RFC 7643 §2.4 `returned`) by lower-cased dotted
 * paths: `name`, `name.givenname`, `urn:…:enterprise:2.0:user` (the whole extension),
 * `urn:…:enterprise:2.0:user.employeenumber`.
 */
export function canonicalPath(facts: ServerFacts, path: string, type: ScimResourceType | undefined): string {
  const text = path.trim();
  const whole = type?.schemaExtensions.find((e) => e.schema.toLowerCase() === text.toLowerCase());
  if (whole) return whole.schema.toLowerCase();
  const found = facts.registry.attribute(text, type);
  if (!found) return text.toLowerCase();
  const head = found.extension && found.schema ? `${found.schema.id.toLowerCase()}.` : '';
  return `${head}${found.top.name.toLowerCase()}${found.attribute !== found.top ? `.${found.attribute.name.toLowerCase()}` : ''}`;
}

/** The paths RFC 7643 marks returned "always" for the resource type (id, and any the server's schemas mark). */
export function alwaysPaths(facts: ServerFacts, type: ScimResourceType | undefined): Set<string> {
  const paths = new Set(['id', 'schemas']);
  if (!type) return paths;
  const visit = (attributes: readonly ScimAttribute[], head: string) => {
    for (const a of attributes) {
      if (a.returned === 'always') paths.add(`${head}${a.name.toLowerCase()}`);
      for (const sub of a.subAttributes ?? []) if (sub.returned === 'always') paths.add(`${head}${a.name.toLowerCase()}.${sub.name.toLowerCase()}`);
    }
  };
  const base = facts.registry.schema(type.schema);
  if (base) visit(base.attributes, '');
  for (const ext of type.schemaExtensions) {
    const schema = facts.registry.schema(ext.schema);
    if (schema) visit(schema.attributes, `${schema.id.toLowerCase()}.`);
  }
  return paths;
}

/**
 * The members of `projected` that a representation asked for with `attributes=requested` must not
 * have: anything not requested, not returned "always", and not `meta` (whose `returned` RFC 7643 leaves open).
 */
export function unrequestedPaths(facts: ServerFacts, projected: Json, requested: readonly string[], type: ScimResourceType | undefined): string[] {
  const allowed = new Set([...requested.map((p) => canonicalPath(facts, p, type)), ...alwaysPaths(facts, type), 'meta']);
  const covered = (path: string) => allowed.has(path) || [...allowed].some((a) => path.startsWith(`${a}.`));
  const inside = (path: string) => [...allowed].some((a) => a.startsWith(`${path}.`));
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (covered(path)) return;
    if (!inside(path)) {
      out.push(path);
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) if (isObject(item)) for (const key of Object.keys(item)) walk(item[key], `${path}.${key.toLowerCase()}`);
  };
  for (const key of Object.keys(projected)) walk(projected[key], key.toLowerCase());
  return [...new Set(out)];
}

/** The requested paths that have a value in the full resource but none in the projected one. */
export function missingPaths(facts: ServerFacts, projected: Json, full: Json, paths: readonly string[], type: ScimResourceType | undefined): string[] {
  return paths.filter((p) => {
    const whole = type?.schemaExtensions.find((e) => e.schema.toLowerCase() === p.toLowerCase());
    if (whole) return hasValue(member(full, whole.schema)) && !hasValue(member(projected, whole.schema));
    return hasValue(valueAt(full, p, facts, type)) && !hasValue(valueAt(projected, p, facts, type));
  });
}

/** The paths (of those given) the projected resource still has a value for. */
export function presentPaths(facts: ServerFacts, projected: Json, paths: readonly string[], type: ScimResourceType | undefined): string[] {
  return paths.filter((p) => hasValue(valueAt(projected, p, facts, type)));
}
