/** Reading parsed JSON the SCIM way: attribute names compared ignoring case (RFC 7643 §2.1). */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[name]`, looked up ignoring case. */
export function keyOf(obj: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** The string entries of a resource's `schemas`. */
export function schemasOf(value: Record<string, unknown>): string[] {
  const schemas = keyOf(value, 'schemas');
  return Array.isArray(schemas) ? schemas.filter((s): s is string => typeof s === 'string') : [];
}
