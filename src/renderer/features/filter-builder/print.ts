import { formatFilter } from '@shared/scim';
import { isComplete, type ConditionNode, type FilterNode, type GroupNode } from './tree';

function condition(node: ConditionNode): string {
  const path = { name: node.path.trim() };
  return node.op === 'pr' ? formatFilter({ type: 'present', path }) : formatFilter({ type: 'compare', path, op: node.op, value: node.value ?? null });
}

/** Text of a group's complete children, each nested group in parentheses so the grouping survives a re-read. */
function group(node: GroupNode, nested: boolean): string {
  const parts = node.children.map((child) => print(child, true)).filter((part) => part !== '');
  if (parts.length === 0) return '';
  const body = parts.join(` ${node.join} `);
  if (node.not) return `not (${body})`;
  return nested ? `(${body})` : body;
}

function print(node: FilterNode, nested: boolean): string {
  switch (node.kind) {
    case 'condition':
      return isComplete(node) ? condition(node) : '';
    case 'group':
      return group(node, nested);
    case 'valuePath': {
      const inner = group(node.filter, false);
      return node.attribute.trim() === '' || inner === '' ? '' : `${node.attribute.trim()}[${inner}]`;
    }
  }
}

/** The filter text of a builder tree; incomplete conditions and empty groups are left out. */
export function treeToText(root: GroupNode): string {
  return print(root, false);
}
