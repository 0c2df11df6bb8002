import type { CollectionItem } from '@shared/model/collection';

/** The items on screen: those whose every ancestor folder is open. */
export function visibleItems(items: readonly CollectionItem[], expanded: ReadonlySet<string>): CollectionItem[] {
  const out: CollectionItem[] = [];
  let hiddenUnder: string | undefined;
  for (const item of items) {
    if (hiddenUnder !== undefined && item.id.startsWith(`${hiddenUnder}/`)) continue;
    hiddenUnder = undefined;
    out.push(item);
    if (item.kind === 'folder' && !expanded.has(item.id)) hiddenUnder = item.id;
  }
  return out;
}

/** Where dropping `dragged` on `target` puts it: into a folder (at its end), or before a request. */
export function dropPlace(items: readonly CollectionItem[], dragged: string, target: CollectionItem): { parentId: string; index?: number } | undefined {
  if (dragged === target.id || target.id.startsWith(`${dragged}/`)) return undefined;
  if (target.kind === 'folder') return { parentId: target.id };
  const siblings = items.filter((i) => i.parentId === target.parentId && i.id !== dragged);
  return { parentId: target.parentId, index: siblings.findIndex((i) => i.id === target.id) };
}

/** One step up or down among its siblings (the keyboard's way to reorder). */
export function nudge(items: readonly CollectionItem[], item: CollectionItem, by: -1 | 1): { parentId: string; index: number } | undefined {
  const siblings = items.filter((i) => i.parentId === item.parentId);
  const at = siblings.findIndex((i) => i.id === item.id);
  const to = at + by;
  if (to < 0 || to >= siblings.length) return undefined;
  return { parentId: item.parentId, index: to };
}
