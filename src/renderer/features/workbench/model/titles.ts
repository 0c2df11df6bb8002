import type { RequestDraft } from '@shared/model/workspace';
import { operationInfo } from './operations';

/** What a tab is called: the user's name for it, else what it does ("List Users", "Get User 2819c223"). */
export function tabTitle(draft: RequestDraft): string {
  if (draft.name.trim()) return draft.name.trim();
  const info = operationInfo(draft.operation);
  if (draft.operation === 'raw') return draft.path ? `${draft.path.split('?')[0]}` : 'New request';
  if (draft.operation === 'bulk') return 'Bulk';
  const type = draft.resourceType || 'resources';
  const plural = info.id === 'list' || info.id === 'search' ? (draft.resourceType ? `${type}s` : 'all resources') : type;
  const id = info.needsId && draft.resourceId ? ` ${draft.resourceId.length > 10 ? `${draft.resourceId.slice(0, 8)}…` : draft.resourceId}` : '';
  return `${info.label} ${plural}${id}`;
}

/** The first tab of a first run: list the users of the default endpoint. */
export function starterDraft() {
  return { operation: 'list' as const, resourceType: 'User', method: 'GET' as const, path: '/Users' };
}
