import { ScimFilterError } from '../errors';
import { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute, ScimResourceType } from '../schema/types';
import type { AttributePath, CompareOperator, Filter, FilterDeviation, FilterValue } from './ast';
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

const MAX_DEPTH = 200;
const OPERATOR_HINT = 'a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or "pr"';
const VALUE_HINT = 'a value (a "quoted string", a number, true, false or null)';
const ORDERING = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<CompareOperator>(['co', 'sw', 'ew']);

/** Two lower-cased letters packed for switch: `'e' << 8 | 'q'`. */
const pair = (a: string, b: string): number => (a.charCodeAt(0) << 8) | b.charCodeAt(0);
const OPERATOR_BY_PAIR = new Map<number, CompareOperator>(
  (['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const).map((op) => [pair(op[0]!, op[1]!), op]),
);
const PR = pair('p', 'r');

/** Recursive-descent parser over the raw string (no token list, no regular expressions). */
export class FilterParser {
  pos = 0;
  private depth = 0;
  readonly registry: SchemaRegistry;
  private readonly typeChecks: boolean;
  private readonly resourceType: ScimResourceType | undefined;

  constructor(
    readonly text: string,
    private readonly options: ParseFilterOptions,
  ) {
    this.registry = options.registry ?? SchemaRegistry.core();
    this.typeChecks = options.registry !== undefined;
    this.resourceType = typeof options.resourceType === 'string' ? this.registry.resourceType(options.resourceType) : options.resourceType;
  }

  fail(message: string, position: number, length = 1): never {
    throw new ScimFilterError(message, this.text, position, length);
  }

  private deviate(code: FilterDeviation['code'], message: string, position: number, length: number): void {
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

  private wordEnd(from: number): number {
    let end = from;
    while (end < this.text.length && isPathChar(this.text.charCodeAt(end))) end++;
    return end;
  }

  /** The whole text as one filter. */
  parseAll(): Filter {
    this.skipSpace();
    if (this.atEnd()) this.fail('empty filter: expected an attribute name, "(" or "not ("', 0, 0);
    const filter = this.parseOr(undefined);
    this.skipSpace();
    if (!this.atEnd()) this.failAfterExpression();
    return filter;
  }

  failAfterExpression(): never {
    const c = this.text.charCodeAt(this.pos);
    if (c === CH.close) this.fail('unexpected ")": there is no "(" to close', this.pos);
    if (c === CH.closeBracket) this.fail('unexpected "]": there is no "[" to close', this.pos);
    const end = Math.max(this.wordEnd(this.pos), this.pos + 1);
    this.fail(`expected "and", "or" or the end of the filter, found ${this.describeHere()}`, this.pos, end - this.pos);
  }

  /** Lowest precedence: `a or b` (left-associative). */
  parseOr(parent: ScimAttribute | undefined): Filter {
    let left = this.parseAnd(parent);
    while (this.keyword(0x6f, 0x72, -1)) left = { type: 'or', left, right: this.parseAnd(parent) };
    return left;
  }

  private parseAnd(parent: ScimAttribute | undefined): Filter {
    let left = this.parseUnary(parent);
    while (this.keyword(0x61, 0x6e, 0x64)) left = { type: 'and', left, right: this.parseUnary(parent) };
    return left;
  }

  /** Consumes `and` / `or` (case-insensitive) after optional space if it is there; `c3` is -1 for two letters. */
  private keyword(c1: number, c2: number, c3: number): boolean {
    const text = this.text;
    let p = this.pos;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (p === this.pos && p < text.length && text.charCodeAt(p - 1) !== CH.close && text.charCodeAt(p - 1) !== CH.closeBracket && text.charCodeAt(p - 1) !== CH.quote) return false;
    if ((text.charCodeAt(p) | 0x20) !== c1 || (text.charCodeAt(p + 1) | 0x20) !== c2) return false;
    let end = p + 2;
    if (c3 !== -1) {
      if ((text.charCodeAt(end) | 0x20) !== c3) return false;
      end++;
    }
    const after = text.charCodeAt(end);
    if (end < text.length && !isSpace(after) && after !== CH.open) return false;
    this.pos = end;
    this.skipSpace();
    if (this.atEnd()) this.fail(`expected a filter after "${text.slice(p, end)}"`, this.pos, 0);
    return true;
  }

  private enter(position: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(`filter nests more than ${MAX_DEPTH} levels deep`, position);
  }

  private parseUnary(parent: ScimAttribute | undefined): Filter {
    this.skipSpace();
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH.open) {
      this.enter(start);
      this.pos++;
      const inner = this.parseOr(parent);
      this.expectClose(CH.close, ')', '(', start);
      this.depth--;
      return inner;
    }
    if ((c | 0x20) === 0x6e && (text.charCodeAt(start + 1) | 0x20) === 0x6f && (text.charCodeAt(start + 2) | 0x20) === 0x74) {
      const negated = this.tryNot(parent);
      if (negated) return negated;
    }
    return this.parseAttributeExpression(parent);
  }

  /** `not (…)`; undefined when "not" is an attribute name (`not pr`) or a longer word (`notes`). */
  private tryNot(parent: ScimAttribute | undefined): Filter | undefined {
    const text = this.text;
    const start = this.pos;
    let p = start + 3;
    if (p < text.length && isPathChar(text.charCodeAt(p))) return undefined;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === CH.open) {
      this.enter(p);
      this.pos = p + 1;
      const inner = this.parseOr(parent);
      this.expectClose(CH.close, ')', '(', p);
      this.depth--;
      return { type: 'not', filter: inner };
    }
    // `not pr`, `not eq "x"`: an attribute called "not"
    if (p > start + 3 && this.operatorAt(p) !== undefined) return undefined;
    if (p === start + 3) return undefined;
    if (!this.options.lenient) this.fail('expected "(" after "not": RFC 7644 §3.4.2.2 writes a negation as not (filter)', p, Math.max(1, this.wordEnd(p) - p));
    this.enter(p);
    this.pos = p;
    const inner = this.parseUnary(parent);
    this.depth--;
    this.deviate('not-without-parentheses', `"not" without parentheses; RFC 7644 §3.4.2.2 requires not (${text.slice(p, this.pos)})`, start, this.pos - start);
    return { type: 'not', filter: inner };
  }

  /** The operator word at `p` ("pr" included), if there is one. */
  private operatorAt(p: number): CompareOperator | 'pr' | undefined {
    const text = this.text;
    if (p + 2 > text.length || (p + 2 < text.length && isPathChar(text.charCodeAt(p + 2)))) return undefined;
    const key = ((text.charCodeAt(p) | 0x20) << 8) | (text.charCodeAt(p + 1) | 0x20);
    if (key === PR) return 'pr';
    return OPERATOR_BY_PAIR.get(key);
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
    const end = this.wordEnd(start);
    if (end === start) {
      if (this.atEnd()) this.fail(`expected an attribute name ${context}`, start, 0);
      const c = text.charCodeAt(start);
      const hint = c === CH.quote ? ': a filter starts with an attribute, e.g. userName eq "bjensen"' : '';
      this.fail(`expected an attribute name ${context}, found ${this.describeHere()}${hint}`, start);
    }
    this.pos = end;
    return { path: this.splitPath(start, end), start };
  }

  private splitPath(start: number, end: number): AttributePath {
    const text = this.text;
    let nameStart = start;
    let uri: string | undefined;
    let hasColon = false;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === CH.colon) {
        hasColon = true;
        break;
      }
    }
    if (hasColon) {
      const token = text.slice(start, end);
      const known = this.registry.splitUrn(token);
      if (known && known.rest !== '' && !known.rest.includes(':')) {
        uri = known.uri;
        nameStart = start + known.uri.length + 1;
      } else {
        const last = token.lastIndexOf(':');
        if (last === token.length - 1 || (known && known.rest === '')) {
          this.fail(`expected an attribute name after the schema URN "${known ? known.uri : token.slice(0, last)}" (write ${token.replace(/:$/, '')}:attribute)`, end, 0);
        }
        uri = token.slice(0, last);
        nameStart = start + last + 1;
      }
      if (uri === '') this.fail('expected a schema URN before ":"', start);
    }
    let dot = -1;
    for (let i = nameStart; i < end; i++) {
      if (text.charCodeAt(i) === CH.dot) {
        if (dot !== -1) this.fail('an attribute path has at most one sub-attribute (RFC 7644 §3.10: attr.subAttr)', i);
        dot = i;
      }
    }
    const nameEnd = dot === -1 ? end : dot;
    this.checkName(nameStart, nameEnd, 'attribute');
    const path: AttributePath = uri === undefined ? { name: text.slice(nameStart, nameEnd) } : { uri, name: text.slice(nameStart, nameEnd) };
    if (dot !== -1) {
      this.checkName(dot + 1, end, 'sub-attribute');
      path.subAttr = text.slice(dot + 1, end);
    }
    return path;
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

  private parseAttributeExpression(parent: ScimAttribute | undefined): Filter {
    const { path, start } = this.readAttributePath(parent ? 'inside "[…]"' : this.pos === 0 ? 'at the start of the filter' : 'here');
    const text = this.text;
    if (text.charCodeAt(this.pos) === CH.openBracket) return this.parseValuePath(path, start, parent);
    const pathEnd = this.pos;
    const pathText = text.slice(start, pathEnd);
    this.skipSpace();
    const opStart = this.pos;
    const op = this.operatorAt(opStart);
    if (op === undefined || opStart === pathEnd) {
      if (this.atEnd()) this.fail(`expected ${OPERATOR_HINT} after "${pathText}"`, opStart, 0);
      const end = Math.max(this.wordEnd(opStart), opStart + 1);
      this.fail(`expected ${OPERATOR_HINT} after "${pathText}", found ${this.describeHere()}`, opStart, end - opStart);
    }
    this.pos = opStart + 2;
    if (op === 'pr') return { type: 'present', path };
    if (this.typeChecks) this.checkOperator(path, op, parent, opStart);
    this.skipSpace();
    const value = this.parseValue(op);
    return { type: 'compare', path, op, value };
  }

  private checkOperator(path: AttributePath, op: CompareOperator, parent: ScimAttribute | undefined, at: number): void {
    if (!ORDERING.has(op) && !SUBSTRING.has(op)) return;
    const def = this.resolve(path, parent);
    if (!def || (def.type !== 'boolean' && def.type !== 'binary')) return;
    const which = ORDERING.has(op) ? 'gt, ge, lt and le' : 'co, sw and ew';
    this.fail(
      `"${op}" cannot be applied to the ${def.type} attribute "${def.name}": ${def.type} attributes support only eq, ne and pr (RFC 7644 §3.4.2.2: ${which} are undefined for ${def.type} values; the server answers 400 invalidFilter)`,
      at,
      2,
    );
  }

  private resolve(path: AttributePath, parent: ScimAttribute | undefined): ScimAttribute | undefined {
    if (!parent) return this.registry.attribute(path, this.resourceType)?.attribute;
    const sub = this.registry.subAttribute(parent, path.name);
    return sub;
  }

  private parseValuePath(path: AttributePath, start: number, parent: ScimAttribute | undefined): Filter {
    const { filter, attribute } = this.parseBracket(path, parent);
    const valuePath: Filter = { type: 'valuePath', path: path.uri === undefined ? { name: path.name } : { uri: path.uri, name: path.name }, filter };
    if (this.text.charCodeAt(this.pos) !== CH.dot) return valuePath;
    return this.valuePathSubAttribute(valuePath, filter, start, attribute);
  }

  /** `[valFilter]` after an attribute path (the cursor is on "["). */
  parseBracket(path: AttributePath, parent: ScimAttribute | undefined): { filter: Filter; attribute: ScimAttribute | undefined } {
    const bracket = this.pos;
    if (parent) this.fail('value filters cannot be nested: "[" inside "[…]" (RFC 7644 §3.4.2.2 valFilter)', bracket);
    if (path.subAttr !== undefined) this.fail(`"[" must follow a multi-valued attribute, not the sub-attribute "${path.name}.${path.subAttr}"`, bracket);
    const attribute = this.registry.attribute({ ...(path.uri ? { uri: path.uri } : {}), name: path.name }, this.resourceType)?.attribute;
    this.enter(bracket);
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === CH.closeBracket) this.fail(`empty value filter: expected a filter inside "${path.name}[…]"`, this.pos);
    const filter = this.parseOr(attribute ?? PLACEHOLDER_PARENT);
    this.expectClose(CH.closeBracket, ']', '[', bracket);
    this.depth--;
    return { filter, attribute };
  }

  /** Lenient: `emails[type eq "work"].value eq "x"` means `emails[type eq "work" and value eq "x"]`. */
  private valuePathSubAttribute(valuePath: Filter & { type: 'valuePath' }, inner: Filter, start: number, attribute: ScimAttribute | undefined): Filter {
    const dot = this.pos;
    const name = valuePath.path.name;
    if (!this.options.lenient) {
      this.fail(
        `a sub-attribute after "]" (${name}[…].sub) belongs to the PATCH path grammar (RFC 7644 §3.5.2), not to filters; write ${name}[… and sub eq "…"]`,
        dot,
      );
    }
    this.pos++;
    const subStart = this.pos;
    let subEnd = subStart;
    while (subEnd < this.text.length && isNameChar(this.text.charCodeAt(subEnd))) subEnd++;
    this.checkName(subStart, subEnd, 'sub-attribute');
    this.pos = subEnd;
    const sub: AttributePath = { name: this.text.slice(subStart, subEnd) };
    this.skipSpace();
    const opStart = this.pos;
    const op = this.operatorAt(opStart);
    if (op === undefined) this.fail(`expected ${OPERATOR_HINT} after "${this.text.slice(start, subEnd)}"`, opStart, Math.max(1, this.wordEnd(opStart) - opStart));
    this.pos = opStart + 2;
    let condition: Filter;
    if (op === 'pr') condition = { type: 'present', path: sub };
    else {
      if (this.typeChecks) this.checkOperator(sub, op, attribute ?? PLACEHOLDER_PARENT, opStart);
      this.skipSpace();
      condition = { type: 'compare', path: sub, op, value: this.parseValue(op) };
    }
    this.deviate(
      'value-path-sub-attribute',
      `"${this.text.slice(start, this.pos)}" uses the PATCH path grammar in a filter; read as ${name}[(…) and ${sub.name} …] (RFC 7644 §3.4.2.2)`,
      start,
      this.pos - start,
    );
    return { type: 'valuePath', path: valuePath.path, filter: { type: 'and', left: inner, right: condition } };
  }

  private parseValue(op: CompareOperator): FilterValue {
    const text = this.text;
    const start = this.pos;
    if (this.atEnd()) this.fail(`expected ${VALUE_HINT} after "${op}"`, start, 0);
    const c = text.charCodeAt(start);
    if (c === CH.quote) {
      const read = readJsonString(text, start);
      if (read.error !== undefined) this.fail(read.error, read.position, read.length);
      this.pos = read.end;
      return read.value;
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

/** Parent marker for value filters over attributes the registry does not know: sub-attributes resolve to nothing. */
const PLACEHOLDER_PARENT: ScimAttribute = {
  name: '',
  type: 'complex',
  multiValued: true,
  description: '',
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  subAttributes: [],
};

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into an AST. Operators, `and`/`or`/`not` and literals are
 * case-insensitive; precedence is `not` > `and` > `or`. Throws `ScimFilterError` with the 0-based
 * `position` and `length` of the problem and a message saying what was expected there.
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): Filter {
  return new FilterParser(text, options).parseAll();
}

/** `parseFilter` that also returns the deviations lenient parsing accepted. */
export function parseFilterWithDeviations(text: string, options: Omit<ParseFilterOptions, 'onDeviation'> = {}): { filter: Filter; deviations: FilterDeviation[] } {
  const deviations: FilterDeviation[] = [];
  const filter = new FilterParser(text, { ...options, onDeviation: (d) => deviations.push(d) }).parseAll();
  return { filter, deviations };
}
