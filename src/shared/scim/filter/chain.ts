import type { Filter, LogicalFilter } from './ast';

/**
 * The operands of a chain of one logical operator, in text order: `a and b and (c and d)` gives
 * [a, b, c, d] (`and` and `or` are associative, so the grouping does not change the meaning).
 * Iterative: the parser builds a chain of n terms as a tree n levels deep, and it accepts chains of
 * any length, so nothing that walks a filter may recurse along a chain.
 */
export function chainOperands(filter: LogicalFilter): Filter[] {
  const type = filter.type;
  const out: Filter[] = [];
  const stack: Filter[] = [filter];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'and' || node.type === 'or') && node.type === type) stack.push(node.right, node.left);
    else out.push(node);
  }
  return out;
}
