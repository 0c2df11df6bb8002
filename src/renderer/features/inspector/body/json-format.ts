import { findJsonErrorOffset } from './json-locate';

/** A JSON text re-indented, with where each of its lines starts. */
export interface FormattedText {
  text: string;
  /** offset in `text` of each line's first character (line 1 at index 0) */
  lineStarts: Uint32Array;
}

const INDENT = '  ';

/** Offsets where each line of `text` starts (after `\n`; `\r\n` counts once). */
export function lineStartsOf(text: string): Uint32Array {
  let starts = new Uint32Array(1024);
  let count = 1;
  let at = text.indexOf('\n');
  while (at >= 0) {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = at + 1;
    at = text.indexOf('\n', at + 1);
  }
  return starts.slice(0, count);
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Re-indents JSON text without parsing it into values, so numbers keep every digit, keys keep their order
 * and duplicates, and strings keep their escapes: the body exactly as served, only laid out.
 * Expects text that `JSON.parse` accepts; other text comes out laid out as far as it goes.
 */
export function formatJson(input: string): FormattedText {
  const parts: string[] = [];
  let length = 0;
  let starts = new Uint32Array(1024);
  let lines = 1;
  let depth = 0;
  const indents: string[] = [];
  const push = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const newline = () => {
    if (lines === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    const indent = (indents[depth] ??= `\n${INDENT.repeat(depth)}`);
    parts.push(indent);
    starts[lines++] = length + 1;
    length += indent.length;
  };

  const n = input.length;
  let i = 0;
  // a run of characters copied as they are (strings, numbers, literals) starts here
  let run = 0;
  const flush = (end: number) => {
    if (end > run) push(input.slice(run, end));
  };
  while (i < n) {
    const code = input.charCodeAt(i);
    if (code === 0x22) {
      // a string: through its closing quote, minding escapes
      let j = i + 1;
      for (;;) {
        const q = input.indexOf('"', j);
        if (q < 0) {
          j = n;
          break;
        }
        let backslashes = 0;
        for (let k = q - 1; k > i && input.charCodeAt(k) === 0x5c; k--) backslashes++;
        j = q + 1;
        if (backslashes % 2 === 0) break;
      }
      i = j;
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      flush(i);
      const close = code === 0x7b ? 0x7d : 0x5d;
      let j = i + 1;
      while (j < n && isJsonSpace(input.charCodeAt(j))) j++;
      if (input.charCodeAt(j) === close) {
        push(code === 0x7b ? '{}' : '[]');
        i = j + 1;
      } else {
        push(code === 0x7b ? '{' : '[');
        depth++;
        newline();
        i++;
      }
      run = i;
    } else if (code === 0x7d || code === 0x5d) {
      flush(i);
      depth = Math.max(0, depth - 1);
      newline();
      push(code === 0x7d ? '}' : ']');
      run = ++i;
    } else if (code === 0x2c) {
      flush(i);
      push(',');
      newline();
      run = ++i;
    } else if (code === 0x3a) {
      flush(i);
      push(': ');
      run = ++i;
    } else if (isJsonSpace(code)) {
      flush(i);
      run = ++i;
    } else {
      i++;
    }
  }
  flush(n);
  return { text: parts.join(''), lineStarts: starts.slice(0, lines) };
}

/**
 * `formatJson`, or the engine's own `JSON.stringify(value, null, 2)` when that is provably the same text:
 * when the served text is exactly what `JSON.stringify` makes of the parsed value (compact, no precision
 * lost, no duplicate keys, the same escapes). Several times faster on large bodies.
 */
export function formatParsedJson(input: string, value: unknown): FormattedText {
  if (JSON.stringify(value) === input) {
    const text = JSON.stringify(value, null, 2);
    return { text, lineStarts: lineStartsOf(text) };
  }
  return formatJson(input);
}

/** Where a `JSON.parse` failure happened, from V8's and other engines' messages. */
export interface JsonSyntaxError {
  message: string;
  /** 0-based character offset, when the engine said */
  offset?: number;
  line?: number;
  column?: number;
}

/** Describes a `JSON.parse` error with the line and column where the text first goes wrong. */
export function describeJsonError(error: unknown, text: string): JsonSyntaxError {
  const raw = error instanceof Error ? error.message : String(error);
  // V8 repeats the position ("at position N (line L column C)") or quotes a snippet; both are shown apart
  const message = raw
    .replace(/\s*(in JSON )?at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
    .trim();
  const at = /position (\d+)/.exec(raw);
  const offset = at ? Number(at[1]) : findJsonErrorOffset(text);
  return offset >= 0 ? { message, ...lineColumn(text, offset) } : { message };
}

function lineColumn(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let at = text.indexOf('\n');
  while (at >= 0 && at < offset) {
    line++;
    lineStart = at + 1;
    at = text.indexOf('\n', at + 1);
  }
  return { offset, line, column: offset - lineStart + 1 };
}
