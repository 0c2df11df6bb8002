import { instantOf } from '../datetime';
import { ScimFilterError } from '../errors';
import { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import type { AttributePath, CompareOperator, FilterDeviation, FilterValue } from './ast';
import { CH, isDigit, isLetter, isNameChar, isPathChar, isSpace } from './chars';
import { readJsonString } from './strings';

/** Options for `parseFilter` and `parsePath`. */
export interface ParseFilterOptions {
  /** accept shapes seen in the wild (unquoted strings, `emails[…].value eq …`) and report each as a deviation */
  lenient?: boolean;
  /** known schema URNs for splitting prefixed paths, and attribute types for operator checks (default: RFC core) */
  registry?: SchemaRegistry;
  /** resource type the filter applies to (for operator checks against attribute types) */
  resourceType?: string | ScimResourceType;
  /** called for each deviation lenient parsing accepted */
  onDeviation?: (deviation: FilterDeviation) => void;
}

const VALUE_HINT = 'a value (a "quoted string", a number, true, false or null)';

/**
 * The lexical level of the filter grammar, read straight off the string (no token list, no regular
 * expressions): spaces, attribute paths, operators, values, and errors with their position.
 */
export class FilterScanner {
  pos = 0;
  readonly registry: SchemaRegistry;
  protected readonly typeChecks: boolean;
  protected readonly resourceType: ScimResourceType | undefined;

  constructor(
    readonly text: string,
    protected readonly options: ParseFilterOptions,
  ) {
    this.registry = options.registry ?? SchemaRegistry.core();
    this.typeChecks = options.registry !== undefined;
    this.resourceType = typeof options.resourceType === 'string' ? this.registry.resourceType(options.resourceType) : options.resourceType;
  }

  fail(message: string, position: number, length = 1): never {
    throw new ScimFilterError(message, this.text, position, length);
  }

  protected deviate(code: FilterDeviation['code'], message: string, position: number, length: number): void {
    this.options.onDeviation?.({ code, message, position, length });
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** What is at the cursor, for error messages. */
  describeHere(): string {
    if (this.atEnd()) return 'the end of the filter';
    const start = this.pos;
    let end = start;
    while (end < this.text.length && end - start < 24 && !isSpace(this.text.charCodeAt(end))) end++;
    return `"${this.text.slice(start, Math.max(end, start + 1))}"`;
  }

  protected wordEnd(from: number): number {
    let end = from;
    while (end < this.text.length && isPathChar(this.text.charCodeAt(end))) end++;
    return end;
  }

  /** The operator word at `p` ("pr" included), if there is one. */
  protected operatorAt(p: number): CompareOperator | 'pr' | undefined {
    const text = this.text;
    if (p + 2 > text.length || (p + 2 < text.length && isPathChar(text.charCodeAt(p + 2)))) return undefined;
    switch (((text.charCodeAt(p) | 0x20) << 8) | (text.charCodeAt(p + 1) | 0x20)) {
      case 0x6571:
        return 'eq';
      case 0x6e65:
        return 'ne';
      case 0x636f:
        return 'co';
      case 0x7377:
        return 'sw';
      case 0x6577:
        return 'ew';
      case 0x6774:
        return 'gt';
      case 0x6765:
        return 'ge';
      case 0x6c74:
        return 'lt';
      case 0x6c65:
        return 'le';
      case 0x7072:
        return 'pr';
      default:
        return undefined;
    }
  }

  expectClose(code: number, close: string, open: string, openedAt: number): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === code) {
      this.pos++;
      return;
    }
    if (this.atEnd()) this.fail(`expected "${close}" to close the "${open}" at offset ${openedAt}`, this.pos, 0);
    const end = Math.max(this.wordEnd(this.pos), this.pos + 1);
    this.fail(`expected "and", "or" or "${close}" (closing the "${open}" at offset ${openedAt}), found ${this.describeHere()}`, this.pos, end - this.pos);
  }

  /** Reads an attribute path token and splits it; the cursor ends after it. */
  readAttributePath(context: string): { path: AttributePath; start: number } {
    const text = this.text;
    const start = this.pos;
    let end = start;
    let lastColon = -1;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (!isPathChar(c)) break;
      if (c === CH.colon) lastColon = end;
      end++;
    }
    if (end === start) {
      if (this.atEnd()) this.fail(`expected an attribute name ${context}`, start, 0);
      const c = text.charCodeAt(start);
      const hint = c === CH.quote ? ': a filter starts with an attribute, e.g. userName eq "bjensen"' : '';
      this.fail(`expected an attribute name ${context}, found ${this.describeHere()}${hint}`, start);
    }
    this.pos = end;
    return { path: this.splitPath(start, end, lastColon), start };
  }

  /**
   * Splits a path token. A schema URN prefix ends at the last ":" (RFC 7644 §3.10: attribute names have
   * no ":"), which is also where the longest known URN followed by ":" ends whenever the rest is a valid
   * name; the registry's URNs only matter for saying what is wrong with a token that is a bare URN.
   */
  private splitPath(start: number, end: number, lastColon: number): AttributePath {
    const text = this.text;
    const nameStart = lastColon < 0 ? start : lastColon + 1;
    let uri: string | undefined;
    if (nameStart > start) {
      const bare = nameStart === end || this.registry.schema(text.slice(start, end)) !== undefined;
      if (bare) {
        const token = text.slice(start, end);
        const known = this.registry.splitUrn(token);
        this.fail(`expected an attribute name after the schema URN "${known ? known.uri : token.slice(0, nameStart - 1 - start)}" (write ${token.replace(/:$/, '')}:attribute)`, end, 0);
      }
      uri = text.slice(start, nameStart - 1);
      if (uri === '') this.fail('expected a schema URN before ":"', start);
    }
    // one pass over `name[.subAttr]`: ATTRNAME = (ALPHA / "$") *(ALPHA / DIGIT / "-" / "_" / "$")
    let dot = -1;
    let segmentStart = nameStart;
    for (let i = nameStart; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === CH.dot) {
        if (dot !== -1) this.fail('an attribute path has at most one sub-attribute (RFC 7644 §3.10: attr.subAttr)', i);
        if (i === segmentStart) this.fail('expected an attribute name', i, 0);
        dot = i;
        segmentStart = i + 1;
      } else if (i === segmentStart) {
        if (!isLetter(c) && c !== CH.dollar) this.fail(`${dot === -1 ? 'attribute' : 'sub-attribute'} names start with a letter, found "${text[i]}"`, i);
      } else if (!isNameChar(c)) this.fail(`"${text[i]}" is not allowed in an ${dot === -1 ? 'attribute' : 'sub-attribute'} name`, i);
    }
    if (segmentStart === end) this.fail(`expected ${dot === -1 ? 'an attribute' : 'a sub-attribute'} name`, end, 0);
    if (dot === -1) return uri === undefined ? { name: text.slice(nameStart, end) } : { uri, name: text.slice(nameStart, end) };
    const name = text.slice(nameStart, dot);
    const subAttr = text.slice(dot + 1, end);
    return uri === undefined ? { name, subAttr } : { uri, name, subAttr };
  }

  /** ATTRNAME = ALPHA *(nameChar); "$ref" is allowed too. */
  checkName(start: number, end: number, what: string): void {
    const text = this.text;
    if (start === end) this.fail(`expected ${what === 'attribute' ? 'an attribute' : 'a sub-attribute'} name`, start, 0);
    const first = text.charCodeAt(start);
    if (!isLetter(first) && first !== CH.dollar) this.fail(`${what} names start with a letter, found "${text[start]}"`, start);
    for (let i = start + 1; i < end; i++) {
      if (!isNameChar(text.charCodeAt(i))) this.fail(`"${text[i]}" is not allowed in an ${what} name`, i);
    }
  }

  protected parseValue(op: CompareOperator): FilterValue {
    const text = this.text;
    const start = this.pos;
    if (this.atEnd()) this.fail(`expected ${VALUE_HINT} after "${op}"`, start, 0);
    const c = text.charCodeAt(start);
    if (c === CH.quote) {
      // fast path: no escapes or control characters before the closing quote
      for (let p = start + 1; p < text.length; p++) {
        const k = text.charCodeAt(p);
        if (k === CH.quote) {
          this.pos = p + 1;
          return text.slice(start + 1, p);
        }
        if (k === CH.backslash || k < 0x20) break;
      }
      const read = readJsonString(text, start);
      if (read.error !== undefined) this.fail(read.error, read.position, read.length);
      this.pos = read.end;
      return read.value;
    }
    if (isDigit(c) && text.charCodeAt(start + 4) === CH.minus) {
      const dateTime = this.unquotedDateTime(start);
      if (dateTime !== undefined) return dateTime;
    }
    if (c === CH.minus || isDigit(c)) return this.parseNumber(start);
    const end = this.wordEnd(start);
    if (end > start) {
      const length = end - start;
      if (length === 4 || length === 5) {
        const word = text.slice(start, end).toLowerCase();
        if (word === 'true' || word === 'false' || word === 'null') {
          this.pos = end;
          return word === 'null' ? null : word === 'true';
        }
      }
    }
    if (this.options.lenient && c !== CH.close && c !== CH.closeBracket) {
      let e = start;
      while (e < text.length && !isSpace(text.charCodeAt(e)) && text.charCodeAt(e) !== CH.close && text.charCodeAt(e) !== CH.closeBracket) e++;
      const raw = text.slice(start, e);
      this.pos = e;
      this.deviate('unquoted-value', `unquoted value ${raw}: RFC 7644 §3.4.2.2 requires a JSON string, "${raw}"`, start, e - start);
      return raw;
    }
    const wordLength = Math.max(end - start, 1);
    const hint = end > start ? `; string values must be in double quotes: "${text.slice(start, end)}"` : '';
    this.fail(`expected ${VALUE_HINT} after "${op}", found ${this.describeHere()}${hint}`, start, wordLength);
  }

  /**
   * `2015-10-10T14:38:21.8617979-07:00` without quotes (as some clients send it): lenient parsing reads
   * it as the dateTime string it is, so it compares chronologically; strict parsing says to quote it.
   */
  private unquotedDateTime(start: number): string | undefined {
    const text = this.text;
    let end = start;
    while (end < text.length && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== CH.close && text.charCodeAt(end) !== CH.closeBracket) end++;
    const raw = text.slice(start, end);
    if (Number.isNaN(instantOf(raw))) return undefined;
    if (!this.options.lenient) this.fail(`expected ${VALUE_HINT}, found the unquoted dateTime ${raw}: RFC 7644 §3.4.2.2 writes it as a JSON string, "${raw}"`, start, end - start);
    this.pos = end;
    this.deviate('unquoted-value', `unquoted dateTime ${raw}: RFC 7644 §3.4.2.2 requires a JSON string, "${raw}"`, start, end - start);
    return raw;
  }

  /** JSON number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
  private parseNumber(start: number): number {
    const text = this.text;
    let p = start;
    if (text.charCodeAt(p) === CH.minus) p++;
    const bad = (at: number, what: string): never => {
      let e = start;
      while (e < text.length && isPathChar(text.charCodeAt(e))) e++;
      return this.fail(`invalid number "${text.slice(start, Math.max(e, at + 1))}": ${what}`, start, Math.max(e, at + 1) - start);
    };
    if (!isDigit(text.charCodeAt(p))) bad(p, 'expected a digit');
    if (text.charCodeAt(p) === 48 && isDigit(text.charCodeAt(p + 1))) bad(p, 'leading zeros are not allowed');
    while (isDigit(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === CH.dot) {
      p++;
      if (!isDigit(text.charCodeAt(p))) bad(p, 'expected a digit after "."');
      while (isDigit(text.charCodeAt(p))) p++;
    }
    if ((text.charCodeAt(p) | 0x20) === 0x65) {
      p++;
      if (text.charCodeAt(p) === CH.plus || text.charCodeAt(p) === CH.minus) p++;
      if (!isDigit(text.charCodeAt(p))) bad(p, 'expected a digit in the exponent');
      while (isDigit(text.charCodeAt(p))) p++;
    }
    if (p < text.length && isPathChar(text.charCodeAt(p))) bad(p, `unexpected "${text[p]}"`);
    const value = Number(text.slice(start, p));
    if (!Number.isFinite(value)) bad(p, 'out of range');
    this.pos = p;
    return value;
  }
}
