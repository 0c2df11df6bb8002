/** The text without whitespace outside strings: two JSON texts that differ only in layout give the same. */
function withoutLayout(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
      out += c;
    }
  }
  return out;
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
  return JSON.stringify(value) === withoutLayout(trimmed) ? value : undefined;
}
