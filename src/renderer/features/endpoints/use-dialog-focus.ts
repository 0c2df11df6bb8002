import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 || el === document.activeElement);
}

/**
 * Keeps keyboard focus inside a modal dialog: Tab and Shift+Tab cycle through its controls, focus that
 * lands outside (a click on the backdrop, a busy button losing it) comes back, and Escape reaches
 * `onEscape` wherever focus is. The element focused before the dialog opened gets focus back after it.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const inside = (node: EventTarget | Node | null) => node instanceof Node && dialog.contains(node);
    const reclaim = () => {
      if (!inside(document.activeElement)) dialog.focus();
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        escape.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(dialog);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (!inside(active) || active === dialog) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!inside(event.target)) dialog.focus();
    };
    // focus that simply goes away (the focused button turned busy, a result replaced it) comes back
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget === null) setTimeout(reclaim, 0);
    };
    // a button that turns disabled, or an element removed while focused, loses focus without an event
    const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(() => {
      if (document.activeElement === document.body) reclaim();
    });
    observer?.observe(dialog, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });

    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    dialog.addEventListener('focusout', onFocusOut);
    return () => {
      observer?.disconnect();
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      dialog.removeEventListener('focusout', onFocusOut);
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
