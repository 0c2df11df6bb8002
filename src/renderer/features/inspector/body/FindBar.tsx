import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BodyView, FindMatch } from './body-document';
import type { BodyService } from '../worker/body-service';
import { formatCount } from '../ui/format';

/** Matches a search shows at most (the count says when there are more). */
export const FIND_LIMIT = 10_000;

export interface FindState {
  matches: FindMatch[];
  /** index into `matches` of the one shown */
  current: number;
}

interface FindBarProps {
  service: BodyService;
  doc: string;
  view: BodyView;
  onChange(state: FindState | undefined): void;
  onClose(): void;
}

/**
 * Find in the plain body view (any size: the search runs in the body worker): type to search, Enter
 * and Shift+Enter (or the arrows) for the next and previous match, Esc to close.
 */
export function FindBar({ service, doc, view, onChange, onClose }: FindBarProps) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ matches: FindMatch[]; more: boolean; current: number }>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    if (query === '') {
      setResult(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void service.request({ op: 'find', doc, view, query, limit: FIND_LIMIT }).then(
        (found) => live && setResult({ ...found, current: 0 }),
        () => live && setResult({ matches: [], more: false, current: 0 }),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [service, doc, view, query]);

  useEffect(() => onChange(result && result.matches.length > 0 ? { matches: result.matches, current: result.current } : undefined), [result, onChange]);

  const step = (delta: 1 | -1) =>
    setResult((r) => (r && r.matches.length > 0 ? { ...r, current: (r.current + delta + r.matches.length) % r.matches.length } : r));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
    else if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') step(1);
    else if (event.key === 'ArrowUp') step(-1);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const count = !result ? '' : result.matches.length === 0 ? 'No matches' : `${formatCount(result.current + 1)} of ${formatCount(result.matches.length)}${result.more ? '+' : ''}`;
  return (
    <div className="ins-findbar" role="search" aria-label="Find in the body" onKeyDown={onKeyDown}>
      <input ref={input} type="search" className="ins-input ins-input-small" aria-label="Find in the body" placeholder="Find (Enter: next, Shift+Enter: previous)" value={query} onChange={(e) => setQuery(e.target.value)} />
      <span className="ins-faint ins-findbar-count" aria-live="polite" data-testid="find-count">
        {count}
      </span>
      <button type="button" className="btn btn-quiet" aria-label="Previous match" disabled={!result?.matches.length} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" className="btn btn-quiet" aria-label="Next match" disabled={!result?.matches.length} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" className="btn btn-quiet" aria-label="Close find" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
