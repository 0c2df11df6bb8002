import { SchemaRegistry, type Filter, type ScimAttribute, type ScimResourceType } from '@shared/scim';
import { badRequest } from './errors';
import type { Reply } from './http-io';

/**
 * Planted defects of queries (filter, sort, paging, cursors, projection, .search): each a mistake real
 * SCIM servers make. Listed in DEFECTS (defects.ts); the HTTP-level ones are rewrites here, the others
 * are read by the sandbox's list code through the helpers below.
 */
export const QUERY_DEFECTS = {
  'filter-case-sensitive': 'compares string values in filters case-sensitively, whatever the attribute\'s caseExact',
  'filter-names-case-sensitive': 'refuses attribute names in filters unless spelled exactly as in the schema',
  'filter-and-as-or': 'reads a nested "and" in a filter as "or" (only the outermost "and" is applied)',
  'filter-ignores-zone': 'ignores the zone offset of a dateTime in a filter value (reads it as UTC)',
  'filter-value-path-loose': 'lets the conditions of emails[…] be met by different values (as if they were written emails.type … and emails.value …)',
  'sort-case-sensitive': 'sorts strings case-sensitively (code-point order), whatever the attribute\'s caseExact',
  'ignore-sort-order': 'ignores sortOrder (always ascending)',
  'zero-based-start-index': 'reads startIndex as 0-based (startIndex=1 skips the first result)',
  'items-per-page-count': 'reports the requested count (or totalResults) as itemsPerPage instead of the Resources returned',
  'total-results-remaining': 'reports as totalResults the results left from startIndex, so it changes from page to page',
  'count-zero-ignored': 'ignores count=0 (answers a full default page)',
  'previous-cursor-first-page': 'sends a previousCursor on the first page of a cursor walk',
  'cursor-reserved-characters': 'writes the cursors of GET queries in standard base64 with padding (+, / and =)',
  'cursor-unknown-restarts': 'reads a cursor it cannot decode as the first page instead of answering invalidCursor',
  'cursor-loop': 'repeats the cursor it was given as nextCursor on the last page',
  'ignore-excluded-attributes': 'ignores the excludedAttributes parameter',
  'excluded-drops-always': 'drops id when excludedAttributes names it (id is returned "always")',
  'search-ignores-filter': 'ignores the filter of a POST .search body',
  'no-root-search': 'answers POST /.search at the root with 404',
} as const;

export type QueryDefectName = keyof typeof QUERY_DEFECTS;

/** The rewrite shape of defects.ts (declared here too, so this file does not import it back). */
interface RequestView {
  method: string;
  params: URLSearchParams;
}

interface Rewrite {
  request?(request: RequestView): void;
  reply?(reply: Reply, request: RequestView): Reply;
}

type Json = Record<string, unknown>;

function listBody(reply: Reply): Json | undefined {
  if (reply.status !== 200 || reply.body === undefined) return undefined;
  try {
    const body: unknown = typeof reply.body === 'string' ? JSON.parse(reply.body) : structuredClone(reply.body);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    return Array.isArray((body as Json).schemas) && ((body as Json).schemas as unknown[]).includes('urn:ietf:params:scim:api:messages:2.0:ListResponse') ? (body as Json) : undefined;
  } catch {
    return undefined;
  }
}

const listRewrite = (change: (body: Json, request: RequestView) => boolean) => (reply: Reply, request: RequestView) => {
  const body = listBody(reply);
  return body && change(body, request) ? { ...reply, body } : reply;
};

const param = (params: URLSearchParams, name: string) => [...params].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

function setParam(params: URLSearchParams, name: string, value: string | undefined): void {
  for (const key of [...params.keys()]) if (key.toLowerCase() === name.toLowerCase()) params.delete(key);
  if (value !== undefined) params.set(name, value);
}

const toStandardBase64 = (cursor: string) => {
  const text = cursor.replace(/-/g, '+').replace(/_/g, '/');
  return `${text}${'='.repeat((4 - (text.length % 4)) % 4 || 2)}`;
};
const fromStandardBase64 = (cursor: string) => cursor.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** What the sandbox's own cursors look like (CursorCodec: base64url body, a dot, a 22-character MAC). */
const READABLE_CURSOR = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;

function eachResource(body: Json, visit: (resource: Json) => void): void {
  const resources = Array.isArray(body.Resources) ? body.Resources : [body];
  for (const r of resources) if (typeof r === 'object' && r !== null) visit(r as Json);
}

export const queryRewrites: Partial<Record<QueryDefectName, Rewrite>> = {
  'ignore-sort-order': { request: ({ params }) => setParam(params, 'sortOrder', undefined) },
  'zero-based-start-index': {
    request: ({ params }) => {
      const start = Number(param(params, 'startIndex'));
      if (Number.isInteger(start) && start >= 1) setParam(params, 'startIndex', String(start + 1));
    },
    reply: listRewrite((body) => {
      if (typeof body.startIndex !== 'number') return false;
      body.startIndex -= 1;
      return true;
    }),
  },
  'items-per-page-count': {
    reply: listRewrite((body, { params }) => {
      const count = Number(param(params, 'count'));
      body.itemsPerPage = Number.isInteger(count) && count >= 0 ? count : body.totalResults;
      return true;
    }),
  },
  'total-results-remaining': {
    reply: listRewrite((body) => {
      if (typeof body.totalResults !== 'number' || typeof body.startIndex !== 'number') return false;
      body.totalResults = Math.max(0, body.totalResults - (body.startIndex - 1));
      return true;
    }),
  },
  'count-zero-ignored': {
    request: ({ params }) => {
      if (param(params, 'count') === '0') setParam(params, 'count', undefined);
    },
  },
  'previous-cursor-first-page': {
    reply: listRewrite((body, { params }) => {
      if (param(params, 'cursor') !== '' || typeof body.nextCursor !== 'string') return false;
      body.previousCursor = body.nextCursor;
      return true;
    }),
  },
  'cursor-reserved-characters': {
    request: ({ params }) => {
      const cursor = param(params, 'cursor');
      if (cursor) setParam(params, 'cursor', fromStandardBase64(cursor));
    },
    reply: listRewrite((body, { method }) => {
      if (method !== 'GET') return false;
      let changed = false;
      for (const name of ['nextCursor', 'previousCursor']) {
        if (typeof body[name] === 'string') {
          body[name] = toStandardBase64(body[name]);
          changed = true;
        }
      }
      return changed;
    }),
  },
  'cursor-unknown-restarts': {
    request: ({ params }) => {
      const cursor = param(params, 'cursor');
      if (cursor && !READABLE_CURSOR.test(cursor)) setParam(params, 'cursor', '');
    },
  },
  'cursor-loop': {
    reply: listRewrite((body, { params }) => {
      const cursor = param(params, 'cursor');
      if (!cursor || body.nextCursor !== undefined) return false;
      body.nextCursor = cursor;
      return true;
    }),
  },
  'ignore-excluded-attributes': { request: ({ params }) => setParam(params, 'excludedAttributes', undefined) },
  'excluded-drops-always': {
    reply: (reply, { params }) => {
      const excluded = param(params, 'excludedAttributes')?.split(',').map((s) => s.trim().toLowerCase()) ?? [];
      if (!excluded.includes('id') || reply.status !== 200 || typeof reply.body !== 'string') return reply;
      const body = JSON.parse(reply.body) as Json;
      eachResource(body, (r) => delete r.id);
      return { ...reply, body };
    },
  },
};

/** A registry whose attribute definitions (and sub-attributes) are changed by `change`; memoised per registry. */
const variants = new WeakMap<SchemaRegistry, Map<string, SchemaRegistry>>();
function variant(registry: SchemaRegistry, key: string, change: (a: ScimAttribute) => ScimAttribute): SchemaRegistry {
  let byKey = variants.get(registry);
  if (!byKey) variants.set(registry, (byKey = new Map()));
  let found = byKey.get(key);
  if (!found) {
    const map = (a: ScimAttribute): ScimAttribute => change({ ...a, ...(a.subAttributes ? { subAttributes: a.subAttributes.map(map) } : {}) });
    found = new SchemaRegistry(registry.schemas.map((s) => ({ ...s, attributes: s.attributes.map(map) })), registry.resourceTypes);
    byKey.set(key, found);
  }
  return found;
}

const caseExact = (registry: SchemaRegistry) => variant(registry, 'caseExact', (a) => (a.type === 'string' ? { ...a, caseExact: true } : a));

function mapFilter(filter: Filter, visit: (f: Filter, depth: number) => Filter, depth = 0): Filter {
  const inner = (() => {
    switch (filter.type) {
      case 'and':
      case 'or':
        return { ...filter, left: mapFilter(filter.left, visit, depth + 1), right: mapFilter(filter.right, visit, depth + 1) };
      case 'not':
        return { ...filter, filter: mapFilter(filter.filter, visit, depth + 1) };
      default:
        return filter;
    }
  })();
  return visit(inner, depth);
}

/** `emails[type eq "x" and value ew "y"]` → `emails.type eq "x" and emails.value ew "y"`. */
function loosen(filter: Filter, parent: { uri?: string; name: string }): Filter {
  switch (filter.type) {
    case 'compare':
    case 'present':
      return { ...filter, path: { ...(parent.uri ? { uri: parent.uri } : {}), name: parent.name, subAttr: filter.path.name } };
    case 'and':
    case 'or':
      return { ...filter, left: loosen(filter.left, parent), right: loosen(filter.right, parent) };
    case 'not':
      return { ...filter, filter: loosen(filter.filter, parent) };
    default:
      return filter;
  }
}

const ZONED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(?:[+-]\d\d:\d\d)$/;

function namesAsWritten(filter: Filter, registry: SchemaRegistry, rt: ScimResourceType | undefined): void {
  mapFilter(filter, (f) => {
    if (f.type === 'compare' || f.type === 'present') {
      const found = registry.attribute(f.path, rt);
      const written = [f.path.name, f.path.subAttr].filter(Boolean).join('.');
      const canonical = found ? [found.top.name, found.attribute !== found.top ? found.attribute.name : undefined].filter(Boolean).join('.') : written;
      if (written !== canonical) throw badRequest(`Unknown attribute "${written}" in the filter.`, 'invalidFilter');
    }
    return f;
  });
}

/** What the query defects make of a parsed filter and the registry it is evaluated with. */
export function plantFilterDefects(has: (name: QueryDefectName) => boolean, filter: Filter, registry: SchemaRegistry, rt: ScimResourceType | undefined): { filter: Filter; registry: SchemaRegistry } {
  let out = filter;
  let reg = registry;
  if (has('filter-names-case-sensitive')) namesAsWritten(out, registry, rt);
  if (has('filter-and-as-or')) out = mapFilter(out, (f, depth) => (f.type === 'and' && depth > 0 ? { ...f, type: 'or' } : f));
  if (has('filter-value-path-loose')) out = mapFilter(out, (f) => (f.type === 'valuePath' ? loosen(f.filter, f.path) : f));
  if (has('filter-ignores-zone')) {
    out = mapFilter(out, (f) => {
      const match = f.type === 'compare' && typeof f.value === 'string' ? ZONED.exec(f.value) : null;
      return match && f.type === 'compare' ? { ...f, value: `${match[1]}Z` } : f;
    });
  }
  if (has('filter-case-sensitive')) reg = caseExact(reg);
  return { filter: out, registry: reg };
}

/** The registry sort keys are computed with. */
export function sortRegistry(has: (name: QueryDefectName) => boolean, registry: SchemaRegistry): SchemaRegistry {
  return has('sort-case-sensitive') ? caseExact(registry) : registry;
}
