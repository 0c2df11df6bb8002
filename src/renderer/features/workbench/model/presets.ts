import type { JsonObject, ScimResourceType, SchemaRegistry } from '@shared/scim';
import { RequestDraft, type Operation, type QueryDraft } from '@shared/model/workspace';
import { operationInfo } from './operations';
import { keepPlaceholders } from './placeholders';
import { requestPath } from './request';
import { mergeQueryIntoSearchBody, queryFromSearchBody } from './search-body';
import { bulkTemplate, patchTemplate, pretty, resourceTemplates } from './templates';

export interface PresetContext {
  registry: SchemaRegistry;
  /** the resource the tab's last response carried (Replace starts from it) */
  lastResource?: JsonObject | undefined;
}

export function resourceTypeFor(registry: SchemaRegistry, name: string): ScimResourceType | undefined {
  return name ? registry.resourceType(name) : undefined;
}

/** The path an operation addresses: `/Users`, `/Users/{id}`, `/Users/.search`, `/Bulk`. */
export function pathFor(operation: Operation, rt: ScimResourceType | undefined, id: string, current: string): string {
  const endpoint = rt?.endpoint.replace(/\/+$/, '') ?? '';
  switch (operation) {
    case 'list':
    case 'create':
      return endpoint || '/';
    case 'search':
      return `${endpoint}/.search`;
    case 'get':
    case 'replace':
    case 'patch':
    case 'delete':
      return `${endpoint}/${keepPlaceholders(encodeURIComponent(id.trim()))}`;
    case 'bulk':
      return '/Bulk';
    case 'raw':
      return current;
  }
}

function withoutMeta(resource: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) if (key.toLowerCase() !== 'meta') copy[key] = value;
  return copy;
}

function defaultBody(operation: Operation, rt: ScimResourceType | undefined, draft: RequestDraft, ctx: PresetContext): string {
  switch (operationInfo(operation).body) {
    case 'resource':
      if (operation === 'replace' && ctx.lastResource) return pretty(withoutMeta(ctx.lastResource));
      return rt ? pretty(resourceTemplates(ctx.registry, rt)[0]!.build()) : '';
    case 'patch':
      return pretty(patchTemplate());
    case 'search':
      return mergeQueryIntoSearchBody('', draft.query) ?? '';
    case 'bulk':
      return pretty(bulkTemplate(ctx.registry, rt));
    default:
      return '';
  }
}

/**
 * Switches a draft to another operation: method, path and body follow (the body of the operation
 * left behind is kept in the stash and comes back when the user returns to it).
 */
export function applyOperation(draft: RequestDraft, operation: Operation, ctx: PresetContext): RequestDraft {
  if (operation === draft.operation) return draft;
  const from = operationInfo(draft.operation);
  const to = operationInfo(operation);
  const stash = { ...draft.stash };
  if (from.body !== 'none' && draft.body.trim() !== '') stash[from.body] = draft.body;
  const resourceType = to.needsType && !draft.resourceType ? (ctx.registry.resourceTypes[0]?.name ?? '') : draft.resourceType;
  const rt = resourceTypeFor(ctx.registry, resourceType);
  let body = '';
  if (to.body !== 'none') {
    body = stash[to.body] ?? defaultBody(operation, rt, draft, ctx);
    delete stash[to.body];
  }
  if (operation === 'search') body = mergeQueryIntoSearchBody(body, draft.query) ?? body;
  // Raw starts from the request as it would have been sent
  const path = operation === 'raw' ? requestPath(draft) : pathFor(operation, rt, draft.resourceId, draft.path);
  return { ...draft, operation, resourceType, method: operation === 'raw' ? draft.method : to.method, path, body, stash };
}

export function setResourceType(draft: RequestDraft, name: string, ctx: PresetContext): RequestDraft {
  const rt = resourceTypeFor(ctx.registry, name);
  return { ...draft, resourceType: name, path: pathFor(draft.operation, rt, draft.resourceId, draft.path) };
}

export function setResourceId(draft: RequestDraft, id: string, ctx: PresetContext): RequestDraft {
  const rt = resourceTypeFor(ctx.registry, draft.resourceType);
  return { ...draft, resourceId: id, path: pathFor(draft.operation, rt, id, draft.path) };
}

/** A query change; a Search body is rewritten to match (members the panel does not own are kept). */
export function setQuery(draft: RequestDraft, query: QueryDraft): RequestDraft {
  if (draft.operation !== 'search') return { ...draft, query };
  return { ...draft, query, body: mergeQueryIntoSearchBody(draft.body, query) ?? draft.body };
}

/** A body edit; for Search the query panel follows what the body now says. */
export function setBody(draft: RequestDraft, body: string): RequestDraft {
  if (draft.operation !== 'search') return { ...draft, body };
  return { ...draft, body, query: queryFromSearchBody(body, draft.query) ?? draft.query };
}

/** A new draft for an operation on a resource type, as a starter tab or a "new request" would be. */
export function newDraft(operation: Operation, resourceType: string, ctx: PresetContext, id = ''): RequestDraft {
  const base = RequestDraft.parse({ operation: 'raw', resourceType, resourceId: id, method: 'GET', path: '' });
  const draft = applyOperation(base, operation, ctx);
  return { ...draft, stash: {} };
}
