import { isPrintable, type FilterNode, type GroupNode } from './tree';

/**
 * Gives the nodes of `next` the ids of the nodes of `previous` at the same place and of the same
 * kind (counting only what the text shows), so a re-read of edited text does not remount every
 * row. Returns the map new id → kept id.
 */
export function adoptIds(next: GroupNode, previous: GroupNode): { tree: GroupNode; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const visit = (node: FilterNode, old: FilterNode | undefined): FilterNode => {
    const same = old && old.kind === node.kind ? old : undefined;
    const id = same ? same.id : node.id;
    if (id !== node.id) ids.set(node.id, id);
    if (node.kind === 'group') {
      const oldChildren = same?.kind === 'group' ? same.children.filter(isPrintable) : [];
      return { ...node, id, children: node.children.map((child, i) => visit(child, oldChildren[i])) };
    }
    if (node.kind === 'valuePath') {
      const oldFilter = same?.kind === 'valuePath' ? same.filter : undefined;
      return { ...node, id, filter: visit(node.filter, oldFilter) as GroupNode };
    }
    return { ...node, id };
  };
  return { tree: visit(next, previous) as GroupNode, ids };
}
