import { fail } from '@shared/api/errors';

/** Escapes of bash's ANSI-C quotes (`$'…'`) that stand for one character. */
const ANSI_C: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

const PLAIN = /[^\s'"\\$^`]+/y;
const SPACE = /\s+/y;
const NEWLINE = /\r?\n/y;

/** Pieces joined at most this many at a time: a word is built in flat chunks, not a rope of millions of pieces. */
const PIECES_PER_CHUNK = 4096;

class Word {
  private pieces: string[] = [];
  private chunks: string[] = [];
  started = false;

  add(piece: string): void {
    this.started = true;
    if (piece === '') return;
    this.pieces.push(piece);
    if (this.pieces.length >= PIECES_PER_CHUNK) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  take(): string {
    const text = this.chunks.length === 0 ? this.pieces.join('') : [...this.chunks, this.pieces.join('')].join('');
    this.pieces = [];
    this.chunks = [];
    this.started = false;
    return text;
  }
}

const unclosed = (quote: string) =>
  fail('validation', `The curl command has a quote (${quote}) that is never closed`, { issues: [{ path: 'text', message: 'unclosed quote' }] });

/** Whether `text` has a line break at `at` (`\n` or `\r\n`); returns the index after it, or -1. */
function lineBreakAt(text: string, at: number): number {
  NEWLINE.lastIndex = at;
  return NEWLINE.test(text) ? NEWLINE.lastIndex : -1;
}

/**
 * Splits a shell command line as bash would: single and double quotes, `$'…'` with its escapes,
 * backslash escapes, and line continuations (`\`, and cmd's `^` and PowerShell's `` ` `` at the
 * end of a line). Works through the text in runs (slices), never a character at a time, so a
 * 60 MB body costs about its own size again, not a string object per character.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const word = new Word();
  const end = () => {
    if (word.started) words.push(word.take());
  };
  const text = command;
  let i = 0;
  while (i < text.length) {
    PLAIN.lastIndex = i;
    if (PLAIN.test(text)) {
      word.add(text.slice(i, PLAIN.lastIndex));
      i = PLAIN.lastIndex;
      continue;
    }
    SPACE.lastIndex = i;
    if (SPACE.test(text)) {
      end();
      i = SPACE.lastIndex;
      continue;
    }
    const char = text[i]!;
    if (char === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw unclosed("'");
      word.add(text.slice(i + 1, close));
      i = close + 1;
    } else if (char === '"') {
      i = doubleQuoted(text, i + 1, word);
    } else if (char === '$' && text[i + 1] === "'") {
      i = ansiQuoted(text, i + 2, word);
    } else if (char === '\\' || char === '^' || char === '`') {
      // a continuation: the line goes on after the break
      const after = lineBreakAt(text, i + 1);
      if (after >= 0) {
        end();
        i = after;
      } else if (char === '\\' && i + 1 < text.length) {
        const next = text.codePointAt(i + 1)!;
        word.add(String.fromCodePoint(next));
        i += 1 + (next > 0xffff ? 2 : 1);
      } else {
        word.add(char);
        i++;
      }
    } else {
      // a `$` not opening `$'…'`
      word.add(char);
      i++;
    }
  }
  end();
  return words;
}

/** Index of the quote character `quote` closing a quote that opened before `from`: the first one not escaped by a backslash. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let at = text.indexOf(quote, from); at >= 0; at = text.indexOf(quote, at + 1)) {
    let slashes = 0;
    while (at - slashes - 1 >= from && text.charCodeAt(at - slashes - 1) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}

/** Reads a "…" quote from `from` (after the opening quote) into `word`; returns the index after the closing quote. */
function doubleQuoted(text: string, from: number, word: Word): number {
  const close = closingQuote(text, from, '"');
  if (close < 0) throw unclosed('"');
  const inside = text.slice(from, close);
  word.add(inside.includes('\\') ? unescape(text, from, close, doubleEscape) : inside);
  return close + 1;
}

/** Reads a `$'…'` quote from `from` (after `$'`) into `word`; returns the index after the closing quote. */
function ansiQuoted(text: string, from: number, word: Word): number {
  const close = closingQuote(text, from, "'");
  if (close < 0) throw unclosed("$'");
  word.add(unescape(text, from, close, ansiEscape));
  return close + 1;
}

const BACKSLASH = 92;

/** Writes the character(s) an escape at `at` (the backslash) stands for through `put`; returns the index after the escape. */
type Escape = (text: string, at: number, end: number, put: (code: number) => void) => number;

/** In "…": `\"`, `\\`, `\$` and `` \` `` lose the backslash, a backslash before a line break removes both, any other keeps it. */
const doubleEscape: Escape = (text, at, end, put) => {
  const next = at + 1 < end ? text.charCodeAt(at + 1) : -1;
  if (next === 34 || next === BACKSLASH || next === 36 || next === 96) {
    put(next);
    return at + 2;
  }
  if (next === 10) return at + 2;
  if (next === 13 && text.charCodeAt(at + 2) === 10) return at + 3;
  put(BACKSLASH);
  return at + 1;
};

const hexValue = (code: number) => (code >= 48 && code <= 57 ? code - 48 : code >= 65 && code <= 70 ? code - 55 : code >= 97 && code <= 102 ? code - 87 : -1);

/** Reads up to `max` digits of `base` from `at`; returns the value and where the digits end. */
function digits(text: string, at: number, end: number, max: number, base: 8 | 16): { value: number; next: number } {
  let value = 0;
  let next = at;
  while (next < end && next - at < max) {
    const digit = hexValue(text.charCodeAt(next));
    if (digit < 0 || digit >= base) break;
    value = value * base + digit;
    next++;
  }
  return { value, next };
}

/** In `$'…'`: bash's ANSI-C escapes (`\n`, `\'`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, `\NNN`…); an unknown one keeps its backslash. */
const ansiEscape: Escape = (text, at, end, put) => {
  const letter = text[at + 1] ?? '';
  const simple = ANSI_C[letter];
  if (simple !== undefined) {
    put(simple.charCodeAt(0));
    return at + 2;
  }
  const numeric = letter === 'x' ? 2 : letter === 'u' ? 4 : letter === 'U' ? 8 : 0;
  const read = numeric ? digits(text, at + 2, end, numeric, 16) : digits(text, at + 1, end, 3, 8);
  if (read.next === (numeric ? at + 2 : at + 1)) {
    put(BACKSLASH);
    return at + 1;
  }
  const code = read.value <= 0x10ffff ? read.value : 0xfffd;
  if (code > 0xffff) {
    put(0xd800 + ((code - 0x10000) >> 10));
    put(0xdc00 + ((code - 0x10000) & 0x3ff));
  } else put(code);
  return read.next;
};

/**
 * The text from `from` to `end` with its escapes applied, built in one typed array (a byte per
 * character while every character fits Latin-1): no string per escape, however many there are.
 * An escape never stands for more characters than it is written with, so the array never grows.
 */
function unescape(text: string, from: number, end: number, escape: Escape): string {
  let bytes: Uint8Array | undefined = new Uint8Array(end - from);
  let wide: Uint16Array | undefined;
  let length = 0;
  const put = (code: number) => {
    if (bytes && code > 0xff) {
      wide = new Uint16Array(end - from);
      wide.set(bytes.subarray(0, length));
      bytes = undefined;
    }
    if (bytes) bytes[length++] = code;
    else wide![length++] = code;
  };
  for (let i = from; i < end; ) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i = escape(text, i, end, put);
    else {
      put(code);
      i++;
    }
  }
  return bytes ? Buffer.from(bytes.buffer, 0, length).toString('latin1') : Buffer.from(wide!.buffer, 0, length * 2).toString('utf16le');
}
