import { parseFilter, type ParseFilterOptions } from '@shared/scim';
import { fromAst } from './from-ast';
import { nodeId, type FilterNode, type GroupNode, type Join } from './tree';

/** Where an attribute path sits in the text, for underlining it. */
export interface Span {
  start: number;
  end: number;
}

const SPACE = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
const STOP = new Set(['(', ')', '[', ']', '"']);

/**
 * Builds the builder tree from filter text that the SCIM parser has already accepted, keeping the
 * grouping the text spells with parentheses (the parser's AST cannot tell `(a and b) and c` from
 * `a and b and c`). Leaves are handed back to the parser, so values, escapes and lenient forms
 * are read exactly as the parser reads them.
 */
export class StructureScanner {
  private pos = 0;
  readonly spans = new Map<string, Span>();

  constructor(
    private readonly text: string,
    private readonly options: ParseFilterOptions,
  ) {}

  root(): GroupNode {
    const level = this.level(this.text.length);
    if (level.kind === 'group') return level;
    return { id: nodeId(), kind: 'group', join: 'and', not: false, children: [level] };
  }

  private skip(): void {
    while (this.pos < this.text.length && isSpace(this.text[this.pos])) this.pos++;
  }

  private word(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !isSpace(this.text[this.pos]) && !STOP.has(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private stringEnd(from: number): number {
    let p = from + 1;
    while (p < this.text.length && this.text[p] !== '"') p += this.text[p] === '\\' ? 2 : 1;
    return Math.min(p + 1, this.text.length);
  }

  /** Index of the bracket closing the one at `open`, skipping strings. */
  private matching(open: number, openChar: string, closeChar: string): number {
    let depth = 0;
    let p = open;
    while (p < this.text.length) {
      const c = this.text[p];
      if (c === '"') {
        p = this.stringEnd(p);
        continue;
      }
      if (c === openChar) depth++;
      else if (c === closeChar && --depth === 0) return p;
      p++;
    }
    return this.text.length;
  }

  /** Operands joined by and/or up to `end`, with and binding tighter than or. */
  private level(end: number): FilterNode {
    const operands: FilterNode[] = [];
    const joins: Join[] = [];
    for (;;) {
      this.skip();
      if (this.pos >= end) break;
      operands.push(this.operand(end));
      this.skip();
      if (this.pos >= end) break;
      const keyword = this.word().toLowerCase();
      joins.push(keyword === 'or' ? 'or' : 'and');
    }
    if (operands.length === 1) return operands[0]!;
    if (joins.every((j) => j === joins[0])) return { id: nodeId(), kind: 'group', join: joins[0] ?? 'and', not: false, children: operands };
    const runs: FilterNode[][] = [[operands[0]!]];
    joins.forEach((join, i) => {
      if (join === 'or') runs.push([operands[i + 1]!]);
      else runs[runs.length - 1]!.push(operands[i + 1]!);
    });
    const children = runs.map((run): FilterNode => (run.length === 1 ? run[0]! : { id: nodeId(), kind: 'group', join: 'and', not: false, children: run }));
    return { id: nodeId(), kind: 'group', join: 'or', not: false, children };
  }

  private parenGroup(not: boolean): GroupNode {
    const close = this.matching(this.pos, '(', ')');
    this.pos++;
    const inner = this.level(close);
    this.pos = close + 1;
    if (inner.kind === 'group' && !(not && inner.not)) return { ...inner, not: not || inner.not };
    return { id: nodeId(), kind: 'group', join: 'and', not, children: [inner] };
  }

  private operand(end: number): FilterNode {
    const text = this.text;
    if (text[this.pos] === '(') return this.parenGroup(false);
    const start = this.pos;
    const first = this.word();
    if (first.toLowerCase() === 'not') {
      const afterWord = this.pos;
      this.skip();
      if (text[this.pos] === '(') return this.parenGroup(true);
      const next = this.word().toLowerCase();
      this.pos = afterWord;
      if (!/^(eq|ne|co|sw|ew|gt|ge|lt|le|pr)$/.test(next)) {
        // lenient `not userName eq "x"`
        this.skip();
        return { id: nodeId(), kind: 'group', join: 'and', not: true, children: [this.operand(end)] };
      }
    }
    const pathEnd = this.pos;
    if (text[this.pos] === '[') return this.valuePath(start, pathEnd, end);
    this.skip();
    const op = this.word().toLowerCase();
    if (op !== 'pr') {
      this.skip();
      if (text[this.pos] === '"') this.pos = this.stringEnd(this.pos);
      else this.word();
    }
    return this.leaf(start, pathEnd, this.pos);
  }

  private valuePath(start: number, pathEnd: number, end: number): FilterNode {
    const close = this.matching(this.pos, '[', ']');
    if (this.text[close + 1] === '.') {
      // lenient `emails[type eq "work"].value eq "x"`: the parser says what it means
      this.pos = close + 1;
      this.word();
      this.skip();
      const op = this.word().toLowerCase();
      if (op !== 'pr') {
        this.skip();
        if (this.text[this.pos] === '"') this.pos = this.stringEnd(this.pos);
        else this.word();
      }
      return this.leaf(start, pathEnd, Math.min(this.pos, end));
    }
    this.pos++;
    const inner = this.level(close);
    this.pos = close + 1;
    const filter: GroupNode = inner.kind === 'group' && !inner.not ? inner : { id: nodeId(), kind: 'group', join: 'and', not: false, children: [inner] };
    const node: FilterNode = { id: nodeId(), kind: 'valuePath', attribute: this.text.slice(start, pathEnd), filter };
    this.spans.set(node.id, { start, end: pathEnd });
    return node;
  }

  private leaf(start: number, pathEnd: number, end: number): FilterNode {
    const node = fromAst(parseFilter(this.text.slice(start, end), { ...this.options, registry: undefined }));
    if (node.kind === 'condition') {
      // keep the spelling the user wrote (the parser splits URN prefixes; the text is what they typed)
      node.path = this.text.slice(start, pathEnd);
      this.spans.set(node.id, { start, end: pathEnd });
    } else if (node.kind === 'valuePath') {
      this.spans.set(node.id, { start, end: this.text.indexOf('[', start) });
    }
    return node;
  }
}
