import { all, needs } from '../preconditions';
import type { CheckContext, ServerFacts } from '../types';

export const userPatch = all(needs.users, needs.patch);

/** A writable, single-valued string attribute of the User schema, in order of preference. */
function writableString(facts: ServerFacts, candidates: readonly string[]): string | undefined {
  return candidates.find((name) => {
    const found = facts.registry.attribute(name, facts.userType);
    return found && found.attribute.type === 'string' && !found.attribute.multiValued && found.attribute.mutability === 'readWrite' && !found.extension;
  });
}

export const has = (facts: ServerFacts, path: string) => facts.registry.attribute(path, facts.userType) !== undefined;

export function requiresAttributes(...paths: string[]) {
  return (facts: ServerFacts) => {
    const missing = paths.filter((p) => !has(facts, p));
    return missing.length ? `The server's User schema has no ${missing.join(', ')}` : undefined;
  };
}

export const SIMPLE = ['nickName', 'title', 'profileUrl', 'displayName', 'preferredLanguage', 'locale'];

export function simpleAttribute(ctx: CheckContext, exclude: readonly string[] = []): string {
  const name = writableString(ctx.facts, SIMPLE.filter((n) => !exclude.includes(n)));
  if (!name) throw new Error('no writable single-valued string attribute');
  return name;
}

export const requiresSimple = (count = 1) => (facts: ServerFacts) =>
  SIMPLE.filter((n) => writableString(facts, [n])).length >= count ? undefined : `The server's User schema has fewer than ${count} writable single-valued string attribute(s) among ${SIMPLE.join(', ')}`;

/** A top-level single-valued string the server declares immutable on Users. */
export function immutableAttribute(facts: ServerFacts): string | undefined {
  const schema = facts.userType ? facts.registry.schema(facts.userType.schema) : undefined;
  return schema?.attributes.find((a) => a.mutability === 'immutable' && a.type === 'string' && !a.multiValued && !a.required)?.name;
}
