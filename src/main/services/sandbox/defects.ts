import type { IncomingHttpHeaders } from 'node:http';
import { QUERY_DEFECTS, queryRewrites } from './defects-query';
import type { Reply } from './http-io';

/**
 * Planted defects: each turns the sandbox into a server that breaks one rule of RFC 7643/7644/9865,
 * so tests can show that the conformance check for that rule fails (and only it). All off by default.
 * A defect is either an HTTP-level rewrite (`rewrites` below) or a flag the service reads with `has`.
 */
export const DEFECTS = {
  'no-etag': 'claims ETag support but sends no ETag header and no meta.version',
  'json-content-type': 'answers with Content-Type application/json instead of application/scim+json',
  'no-location': 'answers 201 Created without a Location header',
  'ignore-attributes': 'ignores the attributes and excludedAttributes parameters',
  'ignore-sort': 'ignores sortBy and sortOrder',
  'ignore-count': 'ignores count (returns everything it would return without it)',
  'total-results-off-by-one': 'reports totalResults one higher than the number of matches',
  'string-booleans': 'returns boolean attributes as the strings "True" and "False"',
  'error-status-number': 'writes the Error body\'s status as a JSON number',
  'no-scim-type': 'leaves scimType out of every Error body',
  'html-errors': 'answers errors with an HTML page instead of a SCIM Error',
  'no-www-authenticate': 'answers 401 without a WWW-Authenticate header',
  'delete-200': 'answers a successful DELETE with 200 and a body instead of 204',
  'no-uniqueness': 'does not enforce uniqueness (userName, group displayName): duplicates are created',
  'readonly-rejected': 'refuses a create or replace whose body carries read-only meta, instead of ignoring it',
  'conditional-headers-ignored': 'claims ETag support but ignores If-Match and If-None-Match',
  'bulk-status-number': 'writes BulkResponse operation statuses as JSON numbers',
  'patch-200-empty': 'answers a successful PATCH with 200 and no body',
  'patch-not-atomic': 'keeps the operations of a PATCH that ran before one failed',
  'patch-replace-complex-whole': 'a PATCH replace of a complex attribute drops the sub-attributes it does not name',
  'patch-remove-ignores-value': 'ignores the value list of a PATCH remove, so {"op":"remove","path":"members","value":[…]} removes every member',
  'empty-query-404': 'answers a query that matches nothing with 404 instead of 200 and an empty ListResponse',
  'inactive-hidden': 'hides users with active false: left out of lists and queries, 404 by id (a soft delete that deletes)',
  'forbidden-as-401': 'answers 401 instead of 403 when an authenticated caller is not permitted (a read-only token that writes)',
  ...QUERY_DEFECTS,
} as const;

export type DefectName = keyof typeof DEFECTS;

export const isDefectName = (name: string): name is DefectName => Object.prototype.hasOwnProperty.call(DEFECTS, name);

/** What a rewrite may change before the request reaches the routes. */
export interface RequestView {
  method: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

interface Rewrite {
  request?(request: RequestView): void;
  reply?(reply: Reply, request: RequestView): Reply;
}

type Json = Record<string, unknown>;

function mapJson(reply: Reply, change: (body: Json) => Json | undefined): Reply {
  if (reply.body === undefined) return reply;
  let body: unknown;
  try {
    body = typeof reply.body === 'string' ? JSON.parse(reply.body) : reply.body;
  } catch {
    return reply;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply;
  const changed = change(structuredClone(body) as Json);
  return changed === undefined ? reply : { ...reply, body: changed };
}

function withoutHeader(reply: Reply, name: string): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([key]) => key.toLowerCase() !== name));
  return { ...reply, headers };
}

const isError = (body: Json) => Array.isArray(body.schemas) && body.schemas.includes('urn:ietf:params:scim:api:messages:2.0:Error');

/** Every resource in a body: the body itself, or each of a ListResponse's Resources. */
function eachResource(body: Json, visit: (resource: Json) => void): void {
  if (Array.isArray(body.Resources)) for (const r of body.Resources) if (typeof r === 'object' && r !== null) visit(r as Json);
  else if (!isError(body)) visit(body);
}

function stringifyBooleans(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(stringifyBooleans);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyBooleans(v)]));
  return value;
}

const rewrites: Partial<Record<DefectName, Rewrite>> = {
  ...queryRewrites,
  'no-etag': {
    reply: (reply) =>
      mapJson(withoutHeader(reply, 'etag'), (body) => {
        eachResource(body, (r) => {
          if (typeof r.meta === 'object' && r.meta !== null) delete (r.meta as Json).version;
        });
        return body;
      }),
  },
  'json-content-type': { reply: (reply) => (reply.body === undefined ? reply : { ...reply, headers: { ...reply.headers, 'content-type': 'application/json' } }) },
  'no-location': { reply: (reply) => (reply.status === 201 ? withoutHeader(reply, 'location') : reply) },
  'ignore-attributes': {
    request: ({ params }) => {
      params.delete('attributes');
      params.delete('excludedAttributes');
    },
  },
  'ignore-sort': {
    request: ({ params }) => {
      params.delete('sortBy');
      params.delete('sortOrder');
    },
  },
  'ignore-count': { request: ({ params }) => params.delete('count') },
  'total-results-off-by-one': {
    reply: (reply) => mapJson(reply, (body) => (typeof body.totalResults === 'number' ? { ...body, totalResults: body.totalResults + 1 } : undefined)),
  },
  'string-booleans': {
    reply: (reply) => (reply.status < 300 ? mapJson(reply, (body) => (isError(body) ? undefined : (stringifyBooleans(body) as Json))) : reply),
  },
  'error-status-number': { reply: (reply) => mapJson(reply, (body) => (isError(body) ? { ...body, status: Number(body.status) } : undefined)) },
  'no-scim-type': {
    reply: (reply) =>
      mapJson(reply, (body) => {
        if (!isError(body)) return undefined;
        delete body.scimType;
        return body;
      }),
  },
  'html-errors': {
    reply: (reply) => (reply.status >= 400 ? { status: reply.status, headers: { ...withoutHeader(reply, 'content-type').headers, 'content-type': 'text/html; charset=utf-8' }, body: `<html><body><h1>Error ${reply.status}</h1></body></html>` } : reply),
  },
  'no-www-authenticate': { reply: (reply) => (reply.status === 401 ? withoutHeader(reply, 'www-authenticate') : reply) },
  'conditional-headers-ignored': {
    request: ({ headers }) => {
      delete headers['if-match'];
      delete headers['if-none-match'];
    },
  },
  'bulk-status-number': {
    reply: (reply) =>
      mapJson(reply, (body) => {
        if (!Array.isArray(body.Operations) || !Array.isArray(body.schemas) || !body.schemas.includes('urn:ietf:params:scim:api:messages:2.0:BulkResponse')) return undefined;
        return { ...body, Operations: body.Operations.map((op: Json) => ({ ...op, status: Number(op.status) })) };
      }),
  },
  'patch-200-empty': { reply: (reply, request) => (request.method === 'PATCH' && reply.status === 200 ? { status: 200, headers: withoutHeader(reply, 'content-type').headers } : reply) },
  'empty-query-404': {
    reply: (reply, request) => {
      if (request.method !== 'GET' || reply.status !== 200) return reply;
      let empty = false;
      mapJson(reply, (body) => {
        empty = Array.isArray(body.schemas) && body.schemas.includes('urn:ietf:params:scim:api:messages:2.0:ListResponse') && body.totalResults === 0;
        return undefined;
      });
      if (!empty) return reply;
      return { status: 404, headers: { 'content-type': 'application/scim+json' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'No resources found.' } };
    },
  },
  'inactive-hidden': {
    reply: (reply, request) => {
      if (request.method !== 'GET' || reply.status !== 200) return reply;
      const inactive = (r: unknown) => typeof r === 'object' && r !== null && String((r as Json).active).toLowerCase() === 'false';
      let gone = false;
      const out = mapJson(reply, (body) => {
        if (Array.isArray(body.Resources)) {
          const kept = body.Resources.filter((r) => !inactive(r));
          if (kept.length === body.Resources.length) return undefined;
          const hidden = body.Resources.length - kept.length;
          return { ...body, Resources: kept, ...(typeof body.totalResults === 'number' ? { totalResults: body.totalResults - hidden } : {}), ...(typeof body.itemsPerPage === 'number' ? { itemsPerPage: kept.length } : {}) };
        }
        gone = inactive(body);
        return undefined;
      });
      if (!gone) return out;
      return { status: 404, headers: { 'content-type': 'application/scim+json' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'Resource not found.' } };
    },
  },
  'delete-200': {
    reply: (reply, request) => (request.method === 'DELETE' && reply.status === 204 ? { ...reply, status: 200, body: { deleted: true } } : reply),
  },
};

/** The defects switched on, and the rewrites they make. */
export class Defects {
  private readonly active = new Set<DefectName>();

  constructor(names: readonly DefectName[] = []) {
    this.set(names);
  }

  set(names: readonly DefectName[]): void {
    this.active.clear();
    for (const name of names) this.active.add(name);
  }

  list(): DefectName[] {
    return [...this.active];
  }

  has(name: DefectName): boolean {
    return this.active.has(name);
  }

  rewriteRequest(request: RequestView): void {
    for (const name of this.active) rewrites[name]?.request?.(request);
  }

  rewriteReply(reply: Reply, request: RequestView): Reply {
    let out = reply;
    for (const name of this.active) out = rewrites[name]?.reply?.(out, request) ?? out;
    return out;
  }
}
