import { useEffect, useReducer, useRef } from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { BodyView } from './body-document';
import type { BodyService } from '../worker/body-service';

const LINE_HEIGHT = 18;
const BLOCK = 400;
/** before layout is known (a hidden pane), lay out one screenful */
const FALLBACK_RECT = { width: 800, height: 600 };

interface LargeTextViewProps {
  service: BodyService;
  doc: string;
  view: BodyView;
  lineCount: number;
  label: string;
  /** 1-based line to mark (a syntax error) */
  markLine?: number;
}

function observeRect(instance: Virtualizer<HTMLDivElement, Element>, callback: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : FALLBACK_RECT));
}

/**
 * Any number of lines, laid out as they scroll into view: the text stays in the body worker, which
 * hands over lines a block at a time.
 */
export function LargeTextView({ service, doc, view, lineCount, label, markLine }: LargeTextViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const blocks = useRef(new Map<number, string[] | 'loading'>());
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const virtualizer = useVirtualizer({
    count: lineCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRect,
  });

  useEffect(() => {
    blocks.current.clear();
    redraw();
  }, [doc, view]);

  const items = virtualizer.getVirtualItems();
  const firstBlock = items.length ? Math.floor(items[0]!.index / BLOCK) : 0;
  const lastBlock = items.length ? Math.floor(items[items.length - 1]!.index / BLOCK) : -1;
  useEffect(() => {
    let live = true;
    for (let block = firstBlock; block <= lastBlock; block++) {
      if (blocks.current.has(block)) continue;
      blocks.current.set(block, 'loading');
      service.request({ op: 'lines', doc, view, from: block * BLOCK, to: (block + 1) * BLOCK }).then(
        (lines) => {
          blocks.current.set(block, lines);
          if (live) redraw();
        },
        () => blocks.current.delete(block),
      );
    }
    return () => {
      live = false;
    };
  }, [service, doc, view, firstBlock, lastBlock]);

  const digits = String(lineCount).length;
  return (
    <div ref={scroller} className="ins-lines" role="region" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
        {items.map((item) => {
          const block = blocks.current.get(Math.floor(item.index / BLOCK));
          const text = Array.isArray(block) ? block[item.index % BLOCK] : undefined;
          return (
            <div
              key={item.key}
              className={`ins-line${markLine === item.index + 1 ? ' ins-line-marked' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            >
              <span className="ins-gutter" style={{ width: `${digits + 1}ch` }} aria-hidden="true">
                {item.index + 1}
              </span>
              <span className="ins-line-text">{text ?? ''}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
