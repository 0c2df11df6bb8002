import type { HttpMethod } from '@shared/model/exchange';
import type { Operation } from '@shared/model/workspace';

/** What kind of body an operation sends; drafts keep one body per kind so switching loses nothing. */
export type BodyKind = 'none' | 'resource' | 'patch' | 'search' | 'bulk' | 'raw';

/** Which query parameters apply (RFC 7644 §3.4.2 for lists; §3.9 attributes on every resource answer). */
export type QueryKind = 'none' | 'list' | 'attributes';

export interface OperationInfo {
  id: Operation;
  label: string;
  method: HttpMethod;
  /** the path names one resource: `/Users/{id}` */
  needsId: boolean;
  /** it addresses a resource type's endpoint (Bulk and Raw do not need one) */
  needsType: boolean;
  body: BodyKind;
  query: QueryKind;
  /** If-Match makes sense (RFC 7644 §3.14) */
  conditional: boolean;
  help: string;
}

export const OPERATIONS: readonly OperationInfo[] = [
  { id: 'list', label: 'List', method: 'GET', needsId: false, needsType: true, body: 'none', query: 'list', conditional: false, help: 'GET a resource type with filter, sort and paging (RFC 7644 §3.4.2)' },
  { id: 'search', label: 'Search', method: 'POST', needsId: false, needsType: false, body: 'search', query: 'list', conditional: false, help: 'POST …/.search with the query in the body (RFC 7644 §3.4.3)' },
  { id: 'get', label: 'Get', method: 'GET', needsId: true, needsType: true, body: 'none', query: 'attributes', conditional: false, help: 'GET one resource by id (RFC 7644 §3.4.1)' },
  { id: 'create', label: 'Create', method: 'POST', needsId: false, needsType: true, body: 'resource', query: 'attributes', conditional: false, help: 'POST a new resource (RFC 7644 §3.3)' },
  { id: 'replace', label: 'Replace', method: 'PUT', needsId: true, needsType: true, body: 'resource', query: 'attributes', conditional: true, help: 'PUT the whole resource (RFC 7644 §3.5.1)' },
  { id: 'patch', label: 'Patch', method: 'PATCH', needsId: true, needsType: true, body: 'patch', query: 'attributes', conditional: true, help: 'PATCH with add/remove/replace operations (RFC 7644 §3.5.2)' },
  { id: 'delete', label: 'Delete', method: 'DELETE', needsId: true, needsType: true, body: 'none', query: 'none', conditional: true, help: 'DELETE one resource (RFC 7644 §3.6)' },
  { id: 'bulk', label: 'Bulk', method: 'POST', needsId: false, needsType: false, body: 'bulk', query: 'none', conditional: false, help: 'POST /Bulk with many operations (RFC 7644 §3.7)' },
  { id: 'raw', label: 'Raw', method: 'GET', needsId: false, needsType: false, body: 'raw', query: 'none', conditional: true, help: 'Any method and path, sent as written' },
];

const BY_ID = new Map(OPERATIONS.map((o) => [o.id, o]));

export function operationInfo(id: Operation): OperationInfo {
  return BY_ID.get(id)!;
}

export const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Methods that carry a body. */
export function methodHasBody(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}
