import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Splitter } from './Splitter';

interface SplitPaneProps {
  /** 'vertical': first above second; 'horizontal': side by side */
  direction: 'vertical' | 'horizontal';
  /** share of the space the first pane takes */
  share: number;
  min: number;
  max: number;
  onShare(share: number): void;
  label: string;
  first: ReactNode;
  second: ReactNode;
  className?: string;
}

/** Two panes with a draggable, keyboard-operable divider; the split is a share, so it survives resizes. */
export function SplitPane({ direction, share, min, max, onShare, label, first, second, className = '' }: SplitPaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const [extent, setExtent] = useState(0);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setExtent(direction === 'vertical' ? element.clientHeight : element.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [direction]);
  const px = Math.round(share * extent);
  return (
    <div ref={box} className={`split split-${direction} ${className}`}>
      <div className="split-pane split-first" style={{ flexBasis: `${share * 100}%` }}>
        {first}
      </div>
      <Splitter
        label={label}
        orientation={direction === 'vertical' ? 'horizontal' : 'vertical'}
        value={px}
        min={Math.round(min * extent)}
        max={Math.round(max * extent)}
        onChange={(value) => extent > 0 && onShare(value / extent)}
      />
      <div className="split-pane split-second">{second}</div>
    </div>
  );
}
