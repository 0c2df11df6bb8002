import type { RequestSpec } from '@shared/model/request-spec';
import type { ListInfo } from '../body/list-info';
import { formatCount } from '../ui/format';
import type { PagingMode } from './fetch-all';
import { pagingOf, withPaging } from './paging-spec';

interface PagingBarProps {
  list: ListInfo;
  mode: PagingMode;
  spec?: RequestSpec;
  busy: boolean;
  onSendPage(spec: RequestSpec): void;
}

/** Where this page sits in the list, and buttons to the pages around it (index or RFC 9865 cursor paging). */
export function PagingBar({ list, mode, spec, busy, onSendPage }: PagingBarProps) {
  const asked = spec ? pagingOf(spec) : {};
  const n = list.resourceCount;
  const total = list.totalResults;
  const go = (paging: Parameters<typeof withPaging>[1]) => spec && onSendPage(withPaging(spec, paging));
  const disabled = busy || !spec;

  if (mode === 'cursor') {
    return (
      <div className="ins-paging" role="group" aria-label="Pages">
        <span className="ins-faint" aria-live="polite">
          {formatCount(n)} on this page{total !== undefined ? ` · ${formatCount(total)} in all` : ''} · cursor paging
        </span>
        <button type="button" className="btn btn-quiet" disabled={disabled} onClick={() => go({ cursor: '', startIndex: null })}>
          First page
        </button>
        <button type="button" className="btn btn-quiet" disabled={disabled || !list.previousCursor} onClick={() => go({ cursor: list.previousCursor!, startIndex: null })}>
          Previous page
        </button>
        <button type="button" className="btn btn-quiet" disabled={disabled || !list.nextCursor} onClick={() => go({ cursor: list.nextCursor!, startIndex: null })}>
          Next page
        </button>
      </div>
    );
  }

  const start = list.startIndex ?? asked.startIndex ?? 1;
  const size = asked.count ?? (list.itemsPerPage || n);
  const last = total !== undefined && size > 0 ? Math.floor(Math.max(0, total - 1) / size) * size + 1 : undefined;
  const atEnd = n === 0 || (total !== undefined && start + n > total);
  return (
    <div className="ins-paging" role="group" aria-label="Pages">
      <span className="ins-faint" aria-live="polite">
        {n === 0 ? 'No resources on this page' : `${formatCount(start)}–${formatCount(start + n - 1)}`}
        {total !== undefined ? ` of ${formatCount(total)}` : ''}
      </span>
      <button type="button" className="btn btn-quiet" disabled={disabled || start <= 1} onClick={() => go({ startIndex: 1, cursor: null })}>
        First page
      </button>
      <button type="button" className="btn btn-quiet" disabled={disabled || start <= 1 || size <= 0} onClick={() => go({ startIndex: Math.max(1, start - size), count: size, cursor: null })}>
        Previous page
      </button>
      <button type="button" className="btn btn-quiet" disabled={disabled || atEnd} onClick={() => go({ startIndex: start + n, ...(size > 0 ? { count: size } : {}), cursor: null })}>
        Next page
      </button>
      <button type="button" className="btn btn-quiet" disabled={disabled || last === undefined || last <= start} onClick={() => last && go({ startIndex: last, count: size, cursor: null })}>
        Last page
      </button>
    </div>
  );
}
