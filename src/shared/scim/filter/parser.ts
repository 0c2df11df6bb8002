import type { ScimAttribute } from '../schema/types';
import type { AttributePath, CompareOperator, Filter, FilterDeviation } from './ast';
import { CH, isNameChar, isPathChar, isSpace } from './chars';
import { FilterScanner, type ParseFilterOptions } from './scanner';

export type { ParseFilterOptions } from './scanner';

const MAX_DEPTH = 200;
const OPERATOR_HINT = 'a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or "pr"';
const ORDERING = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<CompareOperator>(['co', 'sw', 'ew']);

/** The grammar of RFC 7644 §3.4.2.2 by recursive descent: `or` < `and` < `not`/parentheses < attribute expressions. */
export class FilterParser extends FilterScanner {
  private depth = 0;

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

  private parseAttributeExpression(parent: ScimAttribute | undefined): Filter {
    const { path, start } = this.readAttributePath(parent ? 'inside "[…]"' : this.pos === 0 ? 'at the start of the filter' : 'here');
    const text = this.text;
    if (text.charCodeAt(this.pos) === CH.openBracket) return this.parseValuePath(path, start, parent);
    const pathEnd = this.pos;
    this.skipSpace();
    const opStart = this.pos;
    const op = this.operatorAt(opStart);
    if (op === undefined || opStart === pathEnd) {
      const pathText = text.slice(start, pathEnd);
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
    const attribute = this.typeChecks ? this.registry.attribute({ ...(path.uri ? { uri: path.uri } : {}), name: path.name }, this.resourceType)?.attribute : undefined;
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
