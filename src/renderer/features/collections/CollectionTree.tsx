import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Collection, CollectionItem } from '@shared/model/collection';
import { MethodBadge } from '../history/MethodBadge';
import { dropPlace, nudge, visibleItems } from './tree-model';

const DRAG_TYPE = 'application/x-scim-inspector-item';

export interface TreeActions {
  select(id: string): void;
  toggle(id: string, open?: boolean): void;
  open(item: CollectionItem): void;
  menu(item: CollectionItem, x: number, y: number): void;
  move(itemId: string, parentId: string, index?: number): void;
  rename(item: CollectionItem): void;
  remove(item: CollectionItem): void;
}

/** The folders and requests of a collection as an ARIA tree: keyboard, context menu, drag to reorder and move. */
export function CollectionTree({ collection, expanded, selected, actions }: { collection: Collection; expanded: ReadonlySet<string>; selected: string | undefined; actions: TreeActions }) {
  const items = visibleItems(collection.items, expanded);
  const [dropTarget, setDropTarget] = useState<string>();
  const current = items.find((i) => i.id === selected) ?? items[0];

  const onKeyDown = (event: KeyboardEvent) => {
    if (!current) return;
    const index = items.indexOf(current);
    const go = (item: CollectionItem | undefined) => item && actions.select(item.id);
    const handled = (() => {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        const place = nudge(collection.items, current, event.key === 'ArrowUp' ? -1 : 1);
        if (place) actions.move(current.id, place.parentId, place.index);
        return true;
      }
      switch (event.key) {
        case 'ArrowDown':
          go(items[index + 1]);
          return true;
        case 'ArrowUp':
          go(items[index - 1]);
          return true;
        case 'Home':
          go(items[0]);
          return true;
        case 'End':
          go(items[items.length - 1]);
          return true;
        case 'ArrowRight':
          if (current.kind === 'folder' && !expanded.has(current.id)) actions.toggle(current.id, true);
          else go(items[index + 1]?.parentId === current.id ? items[index + 1] : undefined);
          return true;
        case 'ArrowLeft':
          if (current.kind === 'folder' && expanded.has(current.id)) actions.toggle(current.id, false);
          else go(items.find((i) => i.id === current.parentId));
          return true;
        case 'Enter':
          if (current.kind === 'folder') actions.toggle(current.id);
          else actions.open(current);
          return true;
        case 'F2':
          actions.rename(current);
          return true;
        case 'Delete':
          actions.remove(current);
          return true;
        case 'ContextMenu': {
          const row = document.getElementById(rowId(current.id))?.getBoundingClientRect();
          actions.menu(current, row?.left ?? 0, row?.bottom ?? 0);
          return true;
        }
        default:
          if (event.key === 'F10' && event.shiftKey) {
            const row = document.getElementById(rowId(current.id))?.getBoundingClientRect();
            actions.menu(current, row?.left ?? 0, row?.bottom ?? 0);
            return true;
          }
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const drop = (event: DragEvent, target: CollectionItem) => {
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(undefined);
    const dragged = event.dataTransfer.getData(DRAG_TYPE);
    const place = dragged && dropPlace(collection.items, dragged, target);
    if (place) actions.move(dragged, place.parentId, place.index);
  };

  return (
    <div
      className="collection-tree"
      role="tree"
      aria-label={`Requests of ${collection.name}`}
      tabIndex={0}
      aria-activedescendant={current ? rowId(current.id) : undefined}
      onKeyDown={onKeyDown}
      onDragOver={(e) => e.dataTransfer.types.includes(DRAG_TYPE) && e.preventDefault()}
      onDrop={(e) => {
        // dropped below the rows: to the end of the top level
        e.preventDefault();
        const dragged = e.dataTransfer.getData(DRAG_TYPE);
        if (dragged) actions.move(dragged, '');
      }}
    >
      {items.map((item) => (
        <div
          key={item.id}
          id={rowId(item.id)}
          role="treeitem"
          aria-level={item.depth + 1}
          aria-selected={item.id === current?.id}
          aria-expanded={item.kind === 'folder' ? expanded.has(item.id) : undefined}
          className={`tree-row${item.id === current?.id ? ' is-selected' : ''}${dropTarget === item.id ? ' is-drop-target' : ''}${item.problem ? ' has-problem' : ''}`}
          style={{ paddingLeft: 8 + item.depth * 14 }}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, item.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            setDropTarget(item.id);
          }}
          onDragLeave={() => setDropTarget((t) => (t === item.id ? undefined : t))}
          onDrop={(e) => drop(e, item)}
          onClick={() => {
            actions.select(item.id);
            if (item.kind === 'folder') actions.toggle(item.id);
          }}
          onDoubleClick={() => item.kind === 'request' && actions.open(item)}
          onContextMenu={(e) => {
            e.preventDefault();
            actions.select(item.id);
            actions.menu(item, e.clientX, e.clientY);
          }}
          title={item.problem ?? item.id}
        >
          {item.kind === 'folder' ? (
            <span className="tree-twisty" aria-hidden="true">
              {expanded.has(item.id) ? '▾' : '▸'}
            </span>
          ) : item.request ? (
            <MethodBadge method={item.request.method} />
          ) : (
            <span className="tree-broken" aria-label="does not parse">
              !
            </span>
          )}
          <span className="tree-name">{item.name}</span>
        </div>
      ))}
    </div>
  );
}

function rowId(itemId: string): string {
  return `tree-${itemId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}
