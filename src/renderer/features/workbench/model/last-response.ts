import type { JsonObject, SchemaRegistry } from '@shared/scim';
import type { HttpExchange } from '@shared/model/exchange';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function member(object: JsonObject, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** The response body as JSON when the whole of it is in the preview. */
export function responseJson(exchange: HttpExchange | undefined): unknown {
  const body = exchange?.response?.body;
  if (!body || body.truncated || body.preview.trim() === '') return undefined;
  try {
    return JSON.parse(body.preview);
  } catch {
    return undefined;
  }
}

export interface ResourceRef {
  id: string;
  /** what a person recognises it by: userName, displayName… */
  label: string;
  resourceType?: string;
  etag?: string;
  resource: JsonObject;
}

function refOf(resource: JsonObject, registry: SchemaRegistry | undefined): ResourceRef | undefined {
  const id = member(resource, 'id');
  if (typeof id !== 'string' || id === '') return undefined;
  const name = ['userName', 'displayName', 'externalId'].map((k) => member(resource, k)).find((v): v is string => typeof v === 'string' && v !== '');
  const meta = member(resource, 'meta');
  const version = isObject(meta) ? member(meta, 'version') : undefined;
  const rt = registry?.resourceTypeOf(resource)?.name ?? (isObject(meta) && typeof member(meta, 'resourceType') === 'string' ? (member(meta, 'resourceType') as string) : undefined);
  return { id, label: name ?? id, resource, ...(rt ? { resourceType: rt } : {}), ...(typeof version === 'string' ? { etag: version } : {}) };
}

/** The resources a response names: the one it returned, or the Resources of a ListResponse. */
export function resourcesIn(exchange: HttpExchange | undefined, registry?: SchemaRegistry): ResourceRef[] {
  const json = responseJson(exchange);
  if (!isObject(json)) return [];
  const list = member(json, 'Resources');
  if (Array.isArray(list)) return list.filter(isObject).map((r) => refOf(r, registry)).filter((r): r is ResourceRef => r !== undefined);
  const single = refOf(json, registry);
  return single ? [single] : [];
}

/** The ETag of the last response: its header, else the resource's meta.version (RFC 7644 §3.14). */
export function lastEtag(exchange: HttpExchange | undefined): string | undefined {
  const header = exchange?.response?.headers.find(([name]) => name.toLowerCase() === 'etag')?.[1];
  if (header) return header;
  const json = responseJson(exchange);
  if (!isObject(json)) return undefined;
  const meta = member(json, 'meta');
  const version = isObject(meta) ? member(meta, 'version') : undefined;
  return typeof version === 'string' ? version : undefined;
}
