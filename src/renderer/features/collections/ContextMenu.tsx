import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  run(): void;
  disabled?: boolean;
  danger?: boolean;
}

/** A context menu at a point: arrow keys move, Enter runs, Escape or a click elsewhere closes. */
export function ContextMenu({ x, y, label, actions, onClose }: { x: number; y: number; label: string; actions: MenuAction[]; onClose(): void }) {
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <ul ref={menu} className="context-menu" role="menu" aria-label={label} style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      {actions.map((action) => (
        <li
          key={action.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={action.disabled || undefined}
          className={action.danger ? 'is-danger' : undefined}
          onClick={() => {
            if (action.disabled) return;
            onClose();
            action.run();
          }}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && !action.disabled) {
              e.preventDefault();
              onClose();
              action.run();
            }
          }}
        >
          {action.label}
        </li>
      ))}
    </ul>
  );
}
