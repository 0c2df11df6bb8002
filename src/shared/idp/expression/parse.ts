import { ExpressionError, type Expression, type FunctionCall } from './ast';
import { FUNCTIONS, FUNCTION_NAMES } from './functions';

const MAX_DEPTH = 64;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.-]/.test(c);

/**
 * Parses a mapping expression; throws `ExpressionError` with the position of the first problem and
 * what was expected there. The grammar:
 *
 *   expression := string | "[" name "]" | user.name | Function "(" [argument ("," argument)*] ")"
 *   argument   := expression | (nothing, where the function allows an empty argument)
 *
 * A whole expression that is a bare name (`mail`) is a direct mapping of that source attribute.
 */
export function parseExpression(text: string): Expression {
  const parser = new Parser(text);
  parser.skipSpace();
  if (parser.atEnd()) throw new ExpressionError('empty expression: expected a source attribute such as [mail], a constant such as "User", or a function', text, 0, 0);
  const bare = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(text);
  if (bare && !FUNCTIONS.has(bare[1]!.toLowerCase())) {
    const start = text.indexOf(bare[1]!);
    return { kind: 'attribute', name: bare[1]!, start, end: start + bare[1]!.length };
  }
  const expression = parser.expression(0);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected ${parser.describeHere()} after the expression`, parser.pos, text.length - parser.pos);
  return expression;
}

class Parser {
  pos = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  fail(message: string, position = this.pos, length = 1): never {
    throw new ExpressionError(message, this.text, position, length);
  }

  describeHere(): string {
    if (this.atEnd()) return 'the end of the expression';
    return `"${this.text.slice(this.pos, this.pos + 12)}${this.text.length - this.pos > 12 ? '…' : ''}"`;
  }

  expression(depth: number): Expression {
    if (depth > MAX_DEPTH) this.fail(`functions nest more than ${MAX_DEPTH} levels deep`);
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    if (c === '[') return this.attribute();
    if (isNameStart(c)) return this.nameOrCall(depth);
    return this.fail(`expected a source attribute such as [mail], a constant in double quotes, or a function; found ${this.describeHere()}`);
  }

  private string(): Expression {
    const start = this.pos++;
    let value = '';
    while (!this.atEnd()) {
      const c = this.text[this.pos]!;
      if (c === '\\' && this.pos + 1 < this.text.length) {
        value += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '"') {
        this.pos++;
        return { kind: 'string', value, start, end: this.pos };
      }
      value += c;
      this.pos++;
    }
    return this.fail('unterminated constant: a closing double quote (") is missing', start, this.text.length - start);
  }

  private attribute(): Expression {
    const start = this.pos++;
    const close = this.text.indexOf(']', this.pos);
    if (close < 0) this.fail('the source attribute is not closed: "]" is missing', start, this.text.length - start);
    const name = this.text.slice(this.pos, close).trim();
    if (name === '') this.fail('empty source attribute "[]": put the attribute name between the brackets, e.g. [mail]', start, close + 1 - start);
    if (/[[\]"(),]/.test(name)) this.fail(`"${name}" is not an attribute name`, this.pos, close - this.pos);
    this.pos = close + 1;
    return { kind: 'attribute', name, start, end: this.pos };
  }

  private nameOrCall(depth: number): Expression {
    const start = this.pos;
    while (isNameChar(this.text[this.pos])) this.pos++;
    const word = this.text.slice(start, this.pos);
    const afterName = this.pos;
    this.skipSpace();
    if (this.text[this.pos] !== '(') {
      // Okta's expression language names source attributes `user.firstName`
      const okta = /^(user|appuser)\.([A-Za-z_][A-Za-z0-9_]*)$/i.exec(word);
      if (okta) return { kind: 'attribute', name: okta[2]!, start, end: afterName };
      return this.fail(
        `"${word}" is neither a function call nor a source attribute: write a source attribute in brackets ([${word}]) or a constant in quotes ("${word}")`,
        start,
        word.length,
      );
    }
    const def = FUNCTIONS.get(word.toLowerCase());
    if (!def) this.fail(`unknown function "${word}": the simulator knows ${FUNCTION_NAMES.join(', ')}`, start, word.length);
    this.pos++;
    const args: FunctionCall['args'] = [];
    const argStarts: number[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') this.pos++;
    else {
      for (;;) {
        this.skipSpace();
        argStarts.push(this.pos);
        const c = this.text[this.pos];
        if (c === ',' || c === ')') {
          if (!def.emptyAllowed?.(args.length)) this.fail(`argument ${args.length + 1} of ${def.name} is empty: ${def.signature}`, this.pos, 1);
          args.push(null);
        } else if (this.atEnd()) this.fail(`${def.name}( is not closed: ")" is missing`, start, this.text.length - start);
        else args.push(this.expression(depth + 1));
        this.skipSpace();
        const next = this.text[this.pos];
        if (next === ',') {
          this.pos++;
          continue;
        }
        if (next === ')') {
          this.pos++;
          break;
        }
        if (this.atEnd()) this.fail(`${def.name}( is not closed: ")" is missing`, start, this.text.length - start);
        this.fail(`expected "," or ")" in ${def.name}(…), found ${this.describeHere()}`);
      }
    }
    const end = this.pos;
    const problem =
      args.length < def.minArgs
        ? `${def.name} takes at least ${def.minArgs} argument${def.minArgs === 1 ? '' : 's'}, got ${args.length}: ${def.signature}`
        : def.maxArgs !== undefined && args.length > def.maxArgs
          ? `${def.name} takes at most ${def.maxArgs} argument${def.maxArgs === 1 ? '' : 's'}, got ${args.length}: ${def.signature}`
          : def.checkArgs?.(args.length);
    if (problem) {
      const at = args.length > (def.maxArgs ?? Infinity) ? argStarts[def.maxArgs!]! : start;
      this.fail(problem.startsWith(def.name) ? problem : `${def.name} ${problem}: ${def.signature}`, at, end - at);
    }
    return { kind: 'call', name: def.name, args, start, end };
  }
}
