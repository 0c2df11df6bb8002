/** `{{name}}` as `encodeURIComponent` writes it: `%7B%7Bname%7D%7D` (spaces inside as `%20`). */
const ENCODED = /%7B%7B((?:%20)*[A-Za-z_][\w.-]*(?:%20)*)%7D%7D/gi;

/**
 * An encoded URL part with its `{{variables}}` put back as written: the engine and the collection
 * runner fill `{{name}}`, never its percent-encoded spelling.
 */
export function keepPlaceholders(encoded: string): string {
  return encoded.replace(ENCODED, (_match, name: string) => `{{${name.replace(/%20/g, ' ')}}}`);
}
