import { SAVED_REQUEST_VERSION, type CollectionFile, type FolderFile, type SavedRequest } from '@shared/model/collection';
import { jsonBodyValue } from './json-body';

const sortedRecord = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Each file's keys in one fixed order, optional keys only when set: the same data always gives the
 * same bytes. A JSON body is written as JSON (its lines diff), other bodies as text.
 */
export function canonicalRequest(request: SavedRequest): Record<string, unknown> {
  return {
    version: SAVED_REQUEST_VERSION,
    name: request.name,
    ...(request.description ? { description: request.description } : {}),
    method: request.method,
    path: request.path,
    headers: request.headers.map((h) => ({ name: h.name, value: h.value, enabled: h.enabled })),
    ...(request.body !== undefined ? { body: jsonBodyValue(request.body) ?? request.body } : {}),
    assertions: request.assertions.map((a) => ({ from: a.from, path: a.path, op: a.op, value: a.value, enabled: a.enabled })),
    captures: request.captures.map((c) => ({ variable: c.variable, from: c.from, path: c.path })),
  };
}

export function canonicalCollection(file: CollectionFile): Record<string, unknown> {
  return {
    version: file.version,
    name: file.name,
    ...(file.description ? { description: file.description } : {}),
    variables: sortedRecord(file.variables),
    ...(file.secrets.length ? { secrets: [...new Set(file.secrets)].sort() } : {}),
    order: file.order,
  };
}

export function canonicalFolder(file: FolderFile): Record<string, unknown> {
  return { version: file.version, ...(file.description ? { description: file.description } : {}), order: file.order };
}
