import { useCallback, useRef } from 'react';

interface SplitterProps {
  /** accessible name, e.g. "Resize sidebar" */
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
  orientation?: 'vertical' | 'horizontal';
}

/** A draggable, keyboard-operable divider between two panes. */
export function Splitter({ label, value, min, max, onChange, orientation = 'vertical' }: SplitterProps) {
  const start = useRef<{ pointer: number; value: number } | null>(null);
  const axis = orientation === 'vertical' ? 'clientX' : 'clientY';

  const onPointerDown = useCallback(
    (event: React.PointerEvent<HTMLDivElement>) => {
      event.currentTarget.setPointerCapture(event.pointerId);
      start.current = { pointer: event[axis], value };
    },
    [axis, value],
  );
  const onPointerMove = useCallback(
    (event: React.PointerEvent<HTMLDivElement>) => {
      if (start.current) onChange(start.current.value + event[axis] - start.current.pointer);
    },
    [axis, onChange],
  );
  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = event.shiftKey ? 48 : 16;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') onChange(value - step);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') onChange(value + step);
    else if (event.key === 'Home') onChange(min);
    else if (event.key === 'End') onChange(max);
    else return;
    event.preventDefault();
  };

  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
