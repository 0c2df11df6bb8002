import { URN } from '@shared/scim';
import type { TypeName } from './directory';
import { ScimHttpError, badRequest } from './errors';
import { isPlainObject, type Reply } from './http-io';
import type { ScimService } from './service';
import type { ScimObject } from './store';

interface Operation {
  index: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId?: string;
  version?: string;
  path: string;
  data?: ScimObject;
}

interface OperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BULK_REF = /^bulkId:(.+)$/;

/**
 * POST /Bulk (RFC 7644 §3.7): operations run in order through the same service as single requests;
 * one that names a `bulkId:` created later waits for it, and references that can never resolve
 * (circular, or to a failed POST) answer 409. `failOnErrors` stops after that many errors.
 */
export function runBulk(service: ScimService, body: ScimObject, endpoints: Map<string, TypeName>): Reply {
  const input = lowerKeys(body);
  if (!Array.isArray(input.schemas) || !input.schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.bulkRequest.toLowerCase())) {
    if (!service.settings.lenient) throw badRequest(`A bulk request needs "schemas": ["${URN.bulkRequest}"] (RFC 7644 §3.7).`, 'invalidSyntax');
  }
  const list = input.operations;
  if (!Array.isArray(list)) throw badRequest('A bulk request needs an "Operations" array.', 'invalidSyntax');
  const max = service.limits.maxOperations;
  if (list.length > max) throw new ScimHttpError(413, `The bulk request has ${list.length} operations; maxOperations is ${max}.`);
  const failOnErrors = input.failonerrors;
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
    throw badRequest('"failOnErrors" must be a positive integer.', 'invalidValue');
  }

  const results = new Array<OperationResult | undefined>(list.length);
  const created = new Map<string, { id: string } | 'failed'>();
  const defined = new Map<string, number>();
  const pending: Operation[] = [];
  let errors = 0;
  const fail = (index: number, method: string, bulkId: string | undefined, error: ScimHttpError) => {
    results[index] = { method, ...(bulkId ? { bulkId } : {}), status: String(error.status), response: error.body() };
    if (bulkId && !created.has(bulkId)) created.set(bulkId, 'failed');
    errors++;
  };

  list.forEach((raw, index) => {
    try {
      const op = parseOperation(raw, index, service.settings.lenient);
      if (op.bulkId !== undefined) {
        if (defined.has(op.bulkId)) throw badRequest(`bulkId "${op.bulkId}" is used by operations ${defined.get(op.bulkId)} and ${index}.`, 'invalidValue');
        if (op.method === 'POST') defined.set(op.bulkId, index);
      }
      pending.push(op);
    } catch (error) {
      const method = isPlainObject(raw) && typeof raw.method === 'string' ? raw.method : '';
      const bulkId = isPlainObject(raw) && typeof raw.bulkId === 'string' ? raw.bulkId : undefined;
      fail(index, method, bulkId, asHttpError(error));
    }
  });

  const stop = () => typeof failOnErrors === 'number' && errors >= failOnErrors;
  while (pending.length && !stop()) {
    let progressed = false;
    for (let i = 0; i < pending.length && !stop(); ) {
      const op = pending[i]!;
      const refs = references(op);
      const waiting = refs.some((ref) => !created.has(ref) && defined.has(ref));
      if (waiting) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      progressed = true;
      try {
        const unknown = refs.find((ref) => !defined.has(ref));
        if (unknown) throw badRequest(`"bulkId:${unknown}" refers to no POST operation in this request.`, 'invalidValue');
        const failed = refs.find((ref) => created.get(ref) === 'failed');
        if (failed) throw new ScimHttpError(409, `"bulkId:${failed}" refers to an operation that failed, so this one cannot run.`);
        results[op.index] = perform(service, resolve(op, created), endpoints, created);
      } catch (error) {
        fail(op.index, op.method, op.bulkId, asHttpError(error));
      }
    }
    if (!progressed) {
      for (const op of pending.splice(0)) {
        fail(op.index, op.method, op.bulkId, new ScimHttpError(409, 'Circular bulkId references: these operations each wait for another to be created first.'));
        if (stop()) break;
      }
    }
  }
  const operations = results.filter((r): r is OperationResult => r !== undefined);
  return { status: 200, body: { schemas: [URN.bulkResponse], Operations: operations } };
}

function lowerKeys(body: ScimObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) out[key.toLowerCase()] = body[key];
  return out;
}

function asHttpError(error: unknown): ScimHttpError {
  if (error instanceof ScimHttpError) return error;
  return new ScimHttpError(500, `The operation failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
}

function parseOperation(raw: unknown, index: number, lenient: boolean): Operation {
  if (!isPlainObject(raw)) throw badRequest(`Operations[${index}] must be an object.`, 'invalidSyntax');
  const op = lowerKeys(raw);
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : '';
  if (!METHODS.has(method)) throw badRequest(`Operations[${index}].method must be POST, PUT, PATCH or DELETE, not ${JSON.stringify(op.method)}.`, 'invalidSyntax');
  if (typeof op.path !== 'string' || op.path === '') throw badRequest(`Operations[${index}].path is required (e.g. "/Users").`, 'invalidSyntax');
  if (op.bulkid !== undefined && (typeof op.bulkid !== 'string' || op.bulkid === '')) throw badRequest(`Operations[${index}].bulkId must be a non-empty string.`, 'invalidValue');
  if (method === 'POST' && op.bulkid === undefined && !lenient) throw badRequest(`Operations[${index}]: a POST needs a "bulkId" (RFC 7644 §3.7).`, 'invalidValue');
  if (method !== 'DELETE' && !isPlainObject(op.data)) throw badRequest(`Operations[${index}].data must be an object for ${method}.`, 'invalidSyntax');
  if (op.version !== undefined && typeof op.version !== 'string') throw badRequest(`Operations[${index}].version must be a string (an ETag).`, 'invalidValue');
  return {
    index,
    method: method as Operation['method'],
    ...(typeof op.bulkid === 'string' ? { bulkId: op.bulkid } : {}),
    ...(typeof op.version === 'string' ? { version: op.version } : {}),
    path: op.path,
    ...(isPlainObject(op.data) ? { data: op.data } : {}),
  };
}

/** Every `bulkId:x` the operation names, in its path or anywhere in its data. */
function references(op: Operation): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      const match = BULK_REF.exec(value);
      if (match) found.add(match[1]!);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isPlainObject(value)) Object.values(value).forEach(visit);
  };
  visit(op.path.split('/').pop());
  visit(op.data);
  return [...found];
}

function resolve(op: Operation, created: Map<string, { id: string } | 'failed'>): Operation {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = BULK_REF.exec(value);
      const target = match ? created.get(match[1]!) : undefined;
      return target && target !== 'failed' ? target.id : value;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  const segments = op.path.split('/');
  segments[segments.length - 1] = swap(segments[segments.length - 1]) as string;
  return { ...op, path: segments.join('/'), ...(op.data ? { data: swap(op.data) as ScimObject } : {}) };
}

function perform(service: ScimService, op: Operation, endpoints: Map<string, TypeName>, created: Map<string, { id: string } | 'failed'>): OperationResult {
  const segments = op.path.replace(/^\/+/, '').split('/');
  const type = endpoints.get(`/${segments[0] ?? ''}`.toLowerCase());
  if (!type || segments.length > 2) throw new ScimHttpError(404, `Operations path "${op.path}" is not a resource endpoint (/Users, /Groups, or /Users/{id}…).`);
  const id = segments[1];
  let reply: Reply;
  const request = { ifMatch: op.version };
  if (op.method === 'POST') {
    if (id !== undefined) throw new ScimHttpError(405, `POST goes to the resource type endpoint (/${segments[0]}), not to "${op.path}".`);
    reply = service.create(type, op.data!, request);
  } else {
    if (id === undefined || id === '') throw new ScimHttpError(405, `${op.method} needs a resource path such as "/${segments[0]}/{id}".`);
    reply =
      op.method === 'PUT' ? service.replace(type, id, op.data!, request) : op.method === 'PATCH' ? service.patch(type, id, op.data!, request) : service.delete(type, id, request);
  }
  const headers = reply.headers ?? {};
  const location = typeof headers.location === 'string' ? headers.location : id ? `${service.directory.baseUrl}${service.directory.resourceTypes[type].endpoint}/${id}` : undefined;
  if (op.method === 'POST' && op.bulkId && location) created.set(op.bulkId, { id: location.slice(location.lastIndexOf('/') + 1) });
  return {
    method: op.method,
    ...(op.bulkId ? { bulkId: op.bulkId } : {}),
    ...(typeof headers.etag === 'string' ? { version: headers.etag } : {}),
    ...(location && op.method !== 'DELETE' ? { location } : {}),
    status: String(reply.status),
  };
}


