import type { RequestSpec } from '@shared/model/request-spec';
import type { RequestDraft } from '@shared/model/workspace';
import { pagingOf } from '../../inspector/paging/paging-spec';
import { setBody, setQuery } from './presets';

/**
 * A page the inspector asks for, written into the tab's own request (so the query panel shows the
 * page that is sent): startIndex/count/cursor in the query panel of a List or Search, else the
 * request as the inspector built it.
 */
export function applyPaging(draft: RequestDraft, spec: RequestSpec): RequestDraft {
  if (draft.operation === 'list' || draft.operation === 'search') {
    const paging = pagingOf(spec);
    const cursor = paging.cursor !== undefined;
    return setQuery(draft, {
      ...draft.query,
      paging: cursor ? 'cursor' : 'index',
      startIndex: cursor ? undefined : paging.startIndex,
      count: paging.count ?? draft.query.count,
      cursor: paging.cursor ?? '',
    });
  }
  const next = { ...draft, operation: 'raw' as const, method: spec.method, path: spec.path };
  return spec.body !== undefined ? setBody(next, spec.body) : next;
}
