import type { Expression, ExpressionValue } from './ast';
import { FUNCTIONS } from './functions';
import { parseExpression } from './parse';

/** The source object an expression reads: attribute name (case-insensitive) → value. */
export type SourceView = Readonly<Record<string, ExpressionValue | undefined>>;

export interface Evaluation {
  value: ExpressionValue;
  /** source attributes the expression read that the source does not have */
  missing: string[];
  /** things worth telling the user (a function approximated) */
  notes: string[];
}

function read(source: SourceView, name: string): ExpressionValue | undefined {
  if (Object.prototype.hasOwnProperty.call(source, name)) return source[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(source)) if (key.toLowerCase() === lower) return source[key];
  return undefined;
}

/** Evaluates a parsed expression (or expression text) against one source object. */
export function evaluateExpression(expression: Expression | string, source: SourceView): Evaluation {
  const ast = typeof expression === 'string' ? parseExpression(expression) : expression;
  const missing: string[] = [];
  const notes: string[] = [];
  const run = (node: Expression | null): ExpressionValue => {
    if (node === null) return null;
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'attribute': {
        const value = read(source, node.name);
        if (value === undefined) {
          if (!missing.includes(node.name)) missing.push(node.name);
          return null;
        }
        return value;
      }
      case 'call':
        return FUNCTIONS.get(node.name.toLowerCase())!.apply(node.args.map(run), (text) => {
          if (!notes.includes(text)) notes.push(text);
        });
    }
  };
  return { value: run(ast), missing, notes };
}

/** The source attributes an expression reads, in order of appearance. */
export function attributesOf(expression: Expression): string[] {
  const out: string[] = [];
  const walk = (node: Expression | null) => {
    if (!node) return;
    if (node.kind === 'attribute' && !out.includes(node.name)) out.push(node.name);
    if (node.kind === 'call') node.args.forEach(walk);
  };
  walk(expression);
  return out;
}
