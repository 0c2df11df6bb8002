import { CH } from './chars';

export type StringRead = { value: string; end: number; error?: undefined } | { error: string; position: number; length: number };

const ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

function hex(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Reads the JSON string (RFC 8259 §7) whose opening quote is at `start`. */
export function readJsonString(text: string, start: number): StringRead {
  let p = start + 1;
  let chunkStart = p;
  let out = '';
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === CH.quote) return { value: out + text.slice(chunkStart, p), end: p + 1 };
    if (c === CH.backslash) {
      out += text.slice(chunkStart, p);
      const e = text.charCodeAt(p + 1);
      if (e === 117) {
        let code = 0;
        for (let i = 2; i < 6; i++) {
          const h = hex(text.charCodeAt(p + i));
          if (h < 0) return { error: 'invalid \\u escape: expected four hex digits', position: p, length: Math.min(6, text.length - p) };
          code = code * 16 + h;
        }
        out += String.fromCharCode(code);
        p += 6;
      } else {
        const replacement = ESCAPES[e];
        if (replacement === undefined) {
          return { error: p + 1 >= text.length ? 'unterminated string: expected a closing "' : `invalid escape "\\${text[p + 1]}" in string`, position: p, length: 2 };
        }
        out += replacement;
        p += 2;
      }
      chunkStart = p;
      continue;
    }
    if (c < 0x20) return { error: 'control character in string: escape it (e.g. \\n)', position: p, length: 1 };
    p++;
  }
  return { error: 'unterminated string: expected a closing "', position: start, length: text.length - start };
}
