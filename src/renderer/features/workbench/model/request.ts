import { buildQuery, parseFilter, ScimFilterError, type ScimQuery, type ScimResourceType, type SchemaRegistry } from '@shared/scim';
import type { RequestSpec } from '@shared/model/request-spec';
import type { QueryDraft, RequestDraft } from '@shared/model/workspace';
import { methodHasBody, operationInfo, type QueryKind } from './operations';
import { keepPlaceholders } from './placeholders';

/** The query parameters a draft's operation sends in the URL (Search sends them in its body). */
export function scimQuery(query: QueryDraft, kind: QueryKind): ScimQuery {
  if (kind === 'none') return {};
  const out: ScimQuery = { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
  if (kind === 'attributes') return out;
  if (query.filter.trim()) out.filter = query.filter.trim();
  if (query.sortBy.trim()) out.sortBy = query.sortBy.trim();
  if (query.sortOrder) out.sortOrder = query.sortOrder;
  if (query.paging === 'cursor') out.cursor = query.cursor;
  else if (query.startIndex !== undefined) out.startIndex = query.startIndex;
  if (query.count !== undefined) out.count = query.count;
  return out;
}

/** The path with its query string, as it will be sent (relative to the endpoint's base URL). */
export function requestPath(draft: RequestDraft): string {
  const info = operationInfo(draft.operation);
  // `{{variables}}` stay as written, so the engine and the collection runner fill them in
  const query = draft.operation === 'search' ? '' : keepPlaceholders(buildQuery(scimQuery(draft.query, info.query)));
  if (!query) return draft.path;
  return `${draft.path}${draft.path.includes('?') ? '&' : '?'}${query}`;
}

export interface DraftProblem {
  /** what to fix, in the words a person needs */
  message: string;
  /** which part of the composer it is in */
  where: 'path' | 'id' | 'filter' | 'body' | 'endpoint' | 'headers';
  /** for filter problems: where in the filter text */
  position?: number;
}

/** The body as JSON, or where it stops being JSON. */
export function jsonProblem(body: string): { message: string; offset: number } | undefined {
  try {
    JSON.parse(body);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return { message, offset };
  }
}

/**
 * What stops a draft from being sent as it is. A request that would surely fail (a filter that
 * does not parse, a body that is not JSON, no id) is not sent: the problem is shown instead.
 */
export function draftProblems(draft: RequestDraft, options: { registry?: SchemaRegistry; resourceType?: ScimResourceType } = {}): DraftProblem[] {
  const info = operationInfo(draft.operation);
  const problems: DraftProblem[] = [];
  if (info.needsId && draft.resourceId.trim() === '') {
    problems.push({ where: 'id', message: `${info.label} needs the id of a resource: type it, or take it from the last response.` });
  }
  if (draft.operation === 'raw' && draft.path.trim() === '') problems.push({ where: 'path', message: 'Enter a path such as /Users or /ServiceProviderConfig.' });
  if (info.query === 'list' && draft.query.filter.trim() !== '') {
    try {
      parseFilter(draft.query.filter, { lenient: true, ...(options.registry ? { registry: options.registry } : {}), ...(options.resourceType ? { resourceType: options.resourceType } : {}) });
    } catch (error) {
      if (!(error instanceof ScimFilterError)) throw error;
      problems.push({ where: 'filter', message: `The filter has an error at column ${error.position + 1}: ${error.message}`, position: error.position });
    }
  }
  const sendsBody = info.body !== 'none' && (draft.operation !== 'raw' || methodHasBody(draft.method));
  if (sendsBody && draft.operation !== 'raw' && draft.body.trim() !== '') {
    const problem = jsonProblem(draft.body);
    if (problem) problems.push({ where: 'body', message: `The body is not valid JSON: ${problem.message}` });
  }
  if (sendsBody && draft.operation !== 'raw' && draft.body.trim() === '' && info.body !== 'search') {
    problems.push({ where: 'body', message: `${info.label} needs a body: pick a template or write one.` });
  }
  for (const [i, row] of draft.headers.entries()) {
    if (row.enabled && row.name.trim() !== '' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(row.name.trim())) {
      problems.push({ where: 'headers', message: `Header ${i + 1} "${row.name}" is not a valid header name.` });
    }
  }
  return problems;
}

/** What `http.send` gets for a draft. Auth is added by main from the endpoint, never here. */
export function toRequestSpec(draft: RequestDraft, endpointId: string): RequestSpec {
  const info = operationInfo(draft.operation);
  const withBody = info.body !== 'none' && (draft.operation !== 'raw' || methodHasBody(draft.method)) && draft.body.trim() !== '';
  return {
    endpointId,
    method: draft.method,
    path: requestPath(draft),
    headers: draft.headers.filter((h) => h.name.trim() !== ''),
    ...(withBody ? { body: draft.body } : {}),
    variables: {},
  };
}
