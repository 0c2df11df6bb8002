import { useEffect, useLayoutEffect, useReducer, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { BodyView, FindMatch } from './body-document';
import type { FindState } from './FindBar';
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
  /** what the find bar found: marked, and the current one scrolled into view */
  find?: FindState | undefined;
}

/** The first match on or after `line` (matches are in line order). */
function firstOnOrAfter(matches: readonly FindMatch[], line: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function markedLine(text: string, matches: readonly FindMatch[], from: number, line: number, current: number): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (let i = from; i < matches.length && matches[i]!.line === line; i++) {
    const m = matches[i]!;
    if (m.column < at) continue;
    if (m.column > at) parts.push(text.slice(at, m.column));
    parts.push(
      <mark key={i} className={`ins-find-hit${i === current ? ' is-current' : ''}`} {...(i === current ? { 'data-current': 'true' } : {})}>
        {text.slice(m.column, m.column + m.length)}
      </mark>,
    );
    at = m.column + m.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/**
 * Any number of lines (millions), laid out as they scroll into view: the text stays in the body worker,
 * which hands over lines a block at a time. Lines are one fixed height, so where to look is arithmetic;
 * past a few hundred thousand lines the scroll bar maps to lines proportionally.
 */
export function LargeTextView({ service, doc, view, lineCount, label, markLine, find }: LargeTextViewProps) {
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

  // the current match in view, in the middle when it has to move
  const currentLine = find?.matches[find.current]?.line;
  useEffect(() => {
    const element = scroller.current;
    if (!element || currentLine === undefined) return;
    const visible = height / LINE_HEIGHT;
    if (currentLine >= topLine && currentLine < topLine + visible - 1) return;
    const wanted = Math.max(0, currentLine - visible / 2);
    element.scrollTop = natural <= MAX_SCROLL_HEIGHT ? wanted * LINE_HEIGHT : (wanted / Math.max(1, lineCount - visible)) * maxTop;
    setScrollTop(element.scrollTop);
    // topLine moves with the scroll this causes; only a new current match should move it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentLine, find?.current]);

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
        <span className="ins-line-text">{find && text ? markedLine(text, find.matches, firstOnOrAfter(find.matches, i), i, find.current) : (text ?? '')}</span>
      </div>,
    );
  }
  return (
    <div ref={scroller} className="ins-lines" role="region" aria-label={label} tabIndex={0} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div style={{ height: scrollHeight, position: 'relative', minWidth: '100%' }}>{rows}</div>
    </div>
  );
}
