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

/** Where an evaluation reports what it could not read and what it approximated (arrays shared across many evaluations). */
export interface EvaluationSink {
  missing: string[];
  notes: string[];
}

function run(node: Expression | null, source: SourceView, sink: EvaluationSink): ExpressionValue {
  if (node === null) return null;
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'attribute': {
      const value = read(source, node.name);
      if (value === undefined) {
        if (!sink.missing.includes(node.name)) sink.missing.push(node.name);
        return null;
      }
      return value;
    }
    case 'call': {
      const args = new Array<ExpressionValue>(node.args.length);
      for (let i = 0; i < args.length; i++) args[i] = run(node.args[i]!, source, sink);
      return FUNCTIONS.get(node.name.toLowerCase())!.apply(args, (text) => {
        if (!sink.notes.includes(text)) sink.notes.push(text);
      });
    }
  }
}

/** Evaluates a parsed expression into a caller's sink (no allocation for direct mappings and constants). */
export function evaluateInto(expression: Expression, source: SourceView, sink: EvaluationSink): ExpressionValue {
  return run(expression, source, sink);
}

/** Evaluates a parsed expression (or expression text) against one source object. */
export function evaluateExpression(expression: Expression | string, source: SourceView): Evaluation {
  const ast = typeof expression === 'string' ? parseExpression(expression) : expression;
  const sink: EvaluationSink = { missing: [], notes: [] };
  return { value: run(ast, source, sink), missing: sink.missing, notes: sink.notes };
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
