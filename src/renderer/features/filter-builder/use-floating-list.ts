import { useLayoutEffect, useState, type CSSProperties, type RefObject } from 'react';

/** Tallest a suggestion list grows (about eight two-line options). */
const MAX_HEIGHT = 420;
/** Below this much room under the field, the list opens above it when there is more room there. */
const MIN_BELOW = 220;
const GAP = 2;
const MARGIN = 8;

/**
 * Where a suggestion list drawn on top of everything (in a portal, `position: fixed`) goes: under
 * its field, or above it when the window has more room there, as tall as the room allows, so no pane
 * that scrolls or clips (the composer's split) cuts it to a few rows. Follows scrolling and resizing.
 */
export function useFloatingList(anchor: RefObject<HTMLElement | null>, open: boolean): CSSProperties | undefined {
  const [style, setStyle] = useState<CSSProperties>();
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const element = anchor.current;
      if (!element) return;
      const box = element.getBoundingClientRect();
      const viewport = { width: window.innerWidth || 1024, height: window.innerHeight || 768 };
      const below = viewport.height - box.bottom - GAP - MARGIN;
      const above = box.top - GAP - MARGIN;
      const up = below < MIN_BELOW && above > below;
      const width = Math.min(Math.max(box.width, 460), viewport.width - 2 * MARGIN);
      const left = Math.max(MARGIN, Math.min(box.left, viewport.width - width - MARGIN));
      const maxHeight = Math.max(120, Math.min(MAX_HEIGHT, up ? above : below));
      setStyle(
        up
          ? { position: 'fixed', left, width, maxHeight, bottom: viewport.height - box.top + GAP, top: 'auto' }
          : { position: 'fixed', left, width, maxHeight, top: box.bottom + GAP },
      );
    };
    place();
    window.addEventListener('resize', place);
    // any scrolling pane the field sits in moves it
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [anchor, open]);
  return open ? style : undefined;
}
