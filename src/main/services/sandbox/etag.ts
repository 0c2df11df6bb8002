/** Weak ETags from a resource's version counter (RFC 7644 §3.14). */
export function etagFor(revision: number): string {
  return `W/"${revision.toString(36)}"`;
}

/** The entity-tags listed in an If-Match / If-None-Match header; `*` stays `*`. */
export function parseEtagList(header: string): string[] {
  const tags: string[] = [];
  const pattern = /\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < header.length && (match = pattern.exec(header)) !== null) tags.push(match[1]!);
  return tags;
}

const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** Weak comparison (RFC 9110 §8.8.3.2): the W/ prefix is ignored. SCIM versions are weak tags. */
export function etagListMatches(header: string, current: string): boolean {
  const wanted = opaque(current);
  return parseEtagList(header).some((tag) => tag === '*' || opaque(tag) === wanted);
}
