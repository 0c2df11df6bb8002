const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

/**
 * Reads a JSON text against the value it parsed to, as `JSON.stringify(value)` would write it, allowing
 * whitespace between tokens only: true when the text loses nothing but layout by being written again.
 * Compared piece by piece, never building the whole serialized text (tens of megabytes for a big body).
 */
class LayoutOnly {
  private at = 0;
  constructor(private readonly text: string) {}

  matches(value: unknown): boolean {
    if (!this.value(value)) return false;
    this.skipSpace();
    return this.at === this.text.length;
  }

  private skipSpace(): void {
    while (SPACE.has(this.text.charCodeAt(this.at))) this.at++;
  }

  private token(expected: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(expected, this.at)) return false;
    this.at += expected.length;
    return true;
  }

  private value(value: unknown): boolean {
    if (Array.isArray(value)) {
      if (!this.token('[')) return false;
      for (let i = 0; i < value.length; i++) if ((i > 0 && !this.token(',')) || !this.value(value[i])) return false;
      return this.token(']');
    }
    if (typeof value === 'object' && value !== null) {
      if (!this.token('{')) return false;
      let first = true;
      for (const [key, member] of Object.entries(value)) {
        if ((!first && !this.token(',')) || !this.token(JSON.stringify(key)) || !this.token(':') || !this.value(member)) return false;
        first = false;
      }
      return this.token('}');
    }
    return this.token(JSON.stringify(value));
  }
}

/**
 * The JSON value a request body is stored as in its file, when storing it so loses nothing but
 * layout: a JSON object or array whose own text, without whitespace, is what serializing it again
 * gives. Anything else (text with `{{variables}}` outside strings, numbers such as `1.0` or beyond
 * 2^53, duplicate keys, `\u` escapes, a bare string or number) stays the text it is.
 */
export function jsonBodyValue(body: string): object | undefined {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return new LayoutOnly(trimmed).matches(value) ? value : undefined;
  } catch {
    // nested deeper than the stack reaches: kept as the text it is
    return undefined;
  }
}
