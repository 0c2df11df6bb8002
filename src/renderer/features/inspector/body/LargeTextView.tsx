import { useEffect, useLayoutEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { BodyView } from './body-document';
import type { BodyService } from '../worker/body-service';

const LINE_HEIGHT = 18;
const BLOCK = 400;
const OVERSCAN = 20;
/** browsers stop laying out elements past about 33 million pixels; taller text scrolls proportionally */
const MAX_SCROLL_HEIGHT = 8_000_000;
/** before layout is known (a hidden pane, a test page), show one screenful */
const FALLBACK_HEIGHT = 600;

interface LargeTextViewProps {
  service: BodyService;
  doc: string;
  view: BodyView;
  lineCount: number;
  label: string;
  /** 1-based line to mark (a syntax error) */
  markLine?: number;
}

/**
 * Any number of lines (millions), laid out as they scroll into view: the text stays in the body worker,
 * which hands over lines a block at a time. Lines are one fixed height, so where to look is arithmetic;
 * past a few hundred thousand lines the scroll bar maps to lines proportionally.
 */
export function LargeTextView({ service, doc, view, lineCount, label, markLine }: LargeTextViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const blocks = useRef(new Map<number, string[] | 'loading'>());
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  const natural = lineCount * LINE_HEIGHT;
  const scrollHeight = Math.min(natural, MAX_SCROLL_HEIGHT);
  const maxTop = Math.max(1, scrollHeight - height);
  // the first line at the top of the viewport
  const topLine = natural <= MAX_SCROLL_HEIGHT ? scrollTop / LINE_HEIGHT : (scrollTop / maxTop) * Math.max(0, lineCount - height / LINE_HEIGHT);
  const first = Math.max(0, Math.floor(topLine) - OVERSCAN);
  const last = Math.min(lineCount, Math.ceil(topLine + height / LINE_HEIGHT) + OVERSCAN);
  // where line `first` is drawn, in the scroller's content
  const firstOffset = scrollTop - (topLine - first) * LINE_HEIGHT;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  useEffect(() => {
    blocks.current = new Map();
    redraw();
  }, [doc, view]);

  const firstBlock = Math.floor(first / BLOCK);
  const lastBlock = Math.floor(Math.max(first, last - 1) / BLOCK);
  useEffect(() => {
    const cache = blocks.current;
    for (let block = firstBlock; block <= lastBlock; block++) {
      if (cache.has(block)) continue;
      cache.set(block, 'loading');
      service.request({ op: 'lines', doc, view, from: block * BLOCK, to: (block + 1) * BLOCK }).then(
        (lines) => {
          cache.set(block, lines);
          if (blocks.current === cache) redraw();
        },
        () => cache.delete(block),
      );
    }
  }, [service, doc, view, firstBlock, lastBlock]);

  const onKeyDown = (event: KeyboardEvent) => {
    const element = scroller.current;
    if (!element) return;
    const perLine = natural <= MAX_SCROLL_HEIGHT ? LINE_HEIGHT : maxTop / Math.max(1, lineCount - height / LINE_HEIGHT);
    const page = Math.max(1, Math.floor(height / LINE_HEIGHT) - 1) * perLine;
    const moves: Record<string, number> = { ArrowDown: perLine, ArrowUp: -perLine, PageDown: page, PageUp: -page, ' ': page };
    if (event.key === 'Home' && (event.ctrlKey || event.metaKey)) element.scrollTop = 0;
    else if (event.key === 'End' && (event.ctrlKey || event.metaKey)) element.scrollTop = scrollHeight;
    else if (event.key in moves) element.scrollTop += moves[event.key]!;
    else return;
    event.preventDefault();
  };

  const digits = String(lineCount).length;
  const rows = [];
  for (let i = first; i < last; i++) {
    const block = blocks.current.get(Math.floor(i / BLOCK));
    const text = Array.isArray(block) ? block[i % BLOCK] : undefined;
    rows.push(
      <div key={i} className={`ins-line${markLine === i + 1 ? ' ins-line-marked' : ''}`} style={{ transform: `translateY(${firstOffset + (i - first) * LINE_HEIGHT}px)`, height: LINE_HEIGHT }}>
        <span className="ins-gutter" style={{ width: `${digits + 1}ch` }} aria-hidden="true">
          {i + 1}
        </span>
        <span className="ins-line-text">{text ?? ''}</span>
      </div>,
    );
  }
  return (
    <div ref={scroller} className="ins-lines" role="region" aria-label={label} tabIndex={0} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div style={{ height: scrollHeight, position: 'relative', minWidth: '100%' }}>{rows}</div>
    </div>
  );
}
