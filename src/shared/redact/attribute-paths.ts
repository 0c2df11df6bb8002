/** Personal-data attribute paths: which SCIM attribute values an export replaces with pseudonyms. */

/** Always redacted, whatever the user ticks. */
export const ALWAYS_REDACTED_PATHS = ['password'] as const;

/**
 * Offered in the export dialog, ticked by default. `userName` and `externalId` are among them: in
 * most directories the user name is the person's email or login, and the external id is an HR or
 * IdP key that identifies them as surely (issue 15).
 */
export const OFFERED_PERSONAL_DATA_PATHS = ['userName', 'externalId', 'emails.value', 'phoneNumbers.value', 'name', 'addresses', 'displayName'] as const;

/**
 * Sub-attributes of a ticked complex attribute that say what kind of value it is rather than
 * whose: `addresses[].type = "work"` stays readable unless the path is ticked by its full name.
 */
const DESCRIPTIVE_SUB_ATTRIBUTES = new Set(['type', 'primary', '$ref', 'display']);

/** Drops filters (`emails[type eq "work"]` → `emails`) and array indices (`emails[0]`). */
function dropBrackets(path: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const char = path[i]!;
    if (depth > 0 && char === '"' && path[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out;
}

/**
 * `urn:ietf:params:scim:schemas:core:2.0:User:name.givenName` → `name.givenName`.
 * Attribute names never contain a colon, so what follows the last colon is the attribute path;
 * a bare schema URN (`…:enterprise:2.0:User`) has none and gives ''.
 */
function dropSchemaUrn(path: string): string {
  if (!/^urn:/i.test(path)) return path;
  const rest = path.slice(path.lastIndexOf(':') + 1);
  return /^[A-Z]/.test(rest) && !rest.includes('.') ? '' : rest;
}

/** Segments of an attribute path, without schema URN, filters or indices (case kept). */
export function attributeSegments(path: string): string[] {
  const plain = dropSchemaUrn(dropBrackets(path.trim()));
  return plain === '' ? [] : plain.split('.').filter((s) => s !== '');
}

/** The ticked paths, lower-cased and split once, `password` always among them. */
export class PersonalDataPaths {
  private readonly paths: { path: string; segments: string[] }[];

  constructor(ticked: readonly string[]) {
    const all = new Set<string>([...ALWAYS_REDACTED_PATHS, ...ticked.map((p) => p.trim()).filter((p) => p !== '')]);
    this.paths = [...all]
      .map((path) => ({ path, segments: attributeSegments(path).map((s) => s.toLowerCase()) }))
      .filter((p) => p.segments.length > 0);
  }

  /** The ticked path `segments` falls under (itself or one of its sub-attributes), if any. */
  match(segments: readonly string[]): string | undefined {
    for (const { path, segments: ticked } of this.paths) {
      if (segments.length < ticked.length) continue;
      if (!ticked.every((segment, i) => segments[i]!.toLowerCase() === segment)) continue;
      const leaf = segments[segments.length - 1]!.toLowerCase();
      if (segments.length > ticked.length && DESCRIPTIVE_SUB_ATTRIBUTES.has(leaf)) continue;
      return path;
    }
    return undefined;
  }

  isAlwaysRedacted(path: string): boolean {
    return (ALWAYS_REDACTED_PATHS as readonly string[]).includes(path);
  }

  list(): string[] {
    return this.paths.map((p) => p.path);
  }
}
