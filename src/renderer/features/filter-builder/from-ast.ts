import { chainOperands, formatAttributePath, type Filter } from '@shared/scim';
import { nodeId, type FilterNode, type GroupNode } from './tree';

function asGroup(node: FilterNode): GroupNode {
  return node.kind === 'group' ? node : { id: nodeId(), kind: 'group', join: 'and', not: false, children: [node] };
}

/**
 * A parser AST as a builder tree. Used where no text with its parentheses is at hand (the lenient
 * `emails[…].value eq …` form); `parseFilterText` keeps the grouping the text has.
 */
export function fromAst(filter: Filter): FilterNode {
  switch (filter.type) {
    case 'compare':
      return { id: nodeId(), kind: 'condition', path: formatAttributePath(filter.path), op: filter.op, value: filter.value };
    case 'present':
      return { id: nodeId(), kind: 'condition', path: formatAttributePath(filter.path), op: 'pr', value: undefined };
    case 'and':
    case 'or':
      return { id: nodeId(), kind: 'group', join: filter.type, not: false, children: chainOperands(filter).map(fromAst) };
    case 'not': {
      const inner = fromAst(filter.filter);
      return inner.kind === 'group' && !inner.not ? { ...inner, not: true } : { id: nodeId(), kind: 'group', join: 'and', not: true, children: [inner] };
    }
    case 'valuePath':
      return { id: nodeId(), kind: 'valuePath', attribute: formatAttributePath(filter.path), filter: asGroup(fromAst(filter.filter)) };
  }
}

export function rootFromAst(filter: Filter): GroupNode {
  const node = fromAst(filter);
  return node.kind === 'group' ? node : asGroup(node);
}
