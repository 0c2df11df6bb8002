import type { CompareOperator, FilterValue } from '@shared/scim';

/**
 * The builder's editable form of a filter: n-ary groups (what a person thinks in) rather than the
 * parser's binary and/or nodes. A condition may be incomplete while it is being built; the text
 * form shows only complete ones.
 */
export type Operator = CompareOperator | 'pr';
export type Join = 'and' | 'or';

export interface ConditionNode {
  id: string;
  kind: 'condition';
  /** attribute path as written (`name.familyName`, `urn:…:enterprise:2.0:User:manager.value`); relative inside a value filter */
  path: string;
  op: Operator;
  /** undefined until entered (not needed for `pr`) */
  value: FilterValue | undefined;
}

export interface GroupNode {
  id: string;
  kind: 'group';
  join: Join;
  not: boolean;
  children: FilterNode[];
}

/** `emails[type eq "work" and value co "@x.com"]`: conditions on the values of a multi-valued attribute. */
export interface ValuePathNode {
  id: string;
  kind: 'valuePath';
  attribute: string;
  filter: GroupNode;
}

export type FilterNode = ConditionNode | GroupNode | ValuePathNode;

let counter = 0;
export function nodeId(): string {
  counter += 1;
  return `f${counter.toString(36)}`;
}

export const emptyGroup = (join: Join = 'and'): GroupNode => ({ id: nodeId(), kind: 'group', join, not: false, children: [] });
export const newCondition = (path = ''): ConditionNode => ({ id: nodeId(), kind: 'condition', path, op: 'eq', value: undefined });
export const newValuePath = (attribute = ''): ValuePathNode => ({ id: nodeId(), kind: 'valuePath', attribute, filter: { ...emptyGroup(), children: [newCondition()] } });

export function isComplete(node: ConditionNode): boolean {
  return node.path.trim() !== '' && (node.op === 'pr' || node.value !== undefined);
}

/** Whether the node shows up in the text form (complete conditions, groups with one such inside). */
export function isPrintable(node: FilterNode): boolean {
  if (node.kind === 'condition') return isComplete(node);
  if (node.kind === 'group') return node.children.some(isPrintable);
  return node.attribute.trim() !== '' && isPrintable(node.filter);
}

/** Replaces the node with `id` by `update(node)`; returns the same object when nothing changed. */
export function updateNode(root: GroupNode, id: string, update: (node: FilterNode) => FilterNode | undefined): GroupNode {
  const visit = (node: FilterNode): FilterNode | undefined => {
    if (node.id === id) return update(node);
    if (node.kind === 'group') {
      let changed = false;
      const children: FilterNode[] = [];
      for (const child of node.children) {
        const next = visit(child);
        if (next !== child) changed = true;
        if (next) children.push(next);
      }
      return changed ? { ...node, children } : node;
    }
    if (node.kind === 'valuePath') {
      const filter = visit(node.filter);
      if (filter === node.filter) return node;
      return { ...node, filter: filter && filter.kind === 'group' ? filter : emptyGroup() };
    }
    return node;
  };
  const next = visit(root);
  return next && next.kind === 'group' ? next : emptyGroup(root.join);
}

export function removeNode(root: GroupNode, id: string): GroupNode {
  return updateNode(root, id, () => undefined);
}

export function appendChild(root: GroupNode, groupId: string, child: FilterNode): GroupNode {
  return updateNode(root, groupId, (node) => (node.kind === 'group' ? { ...node, children: [...node.children, child] } : node));
}

/** Moves a child of a group one place up (-1) or down (+1). */
export function moveChild(root: GroupNode, groupId: string, childId: string, delta: -1 | 1): GroupNode {
  return updateNode(root, groupId, (node) => {
    if (node.kind !== 'group') return node;
    const from = node.children.findIndex((c) => c.id === childId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= node.children.length) return node;
    const children = [...node.children];
    const [moved] = children.splice(from, 1);
    children.splice(to, 0, moved!);
    return { ...node, children };
  });
}

export function findNode(root: FilterNode, id: string): FilterNode | undefined {
  if (root.id === id) return root;
  if (root.kind === 'group') {
    for (const child of root.children) {
      const found = findNode(child, id);
      if (found) return found;
    }
  }
  if (root.kind === 'valuePath') return findNode(root.filter, id);
  return undefined;
}

export function countConditions(root: FilterNode): { complete: number; incomplete: number } {
  let complete = 0;
  let incomplete = 0;
  const visit = (node: FilterNode) => {
    if (node.kind === 'condition') {
      if (isComplete(node)) complete++;
      else incomplete++;
    } else if (node.kind === 'group') node.children.forEach(visit);
    else visit(node.filter);
  };
  visit(root);
  return { complete, incomplete };
}
