import { SchemaRegistry, type JsonObject } from '@shared/scim';
import type { HttpExchange } from '@shared/model/exchange';
import { useTabs } from '../../stores/tabs';
import { resourcesIn } from './model/last-response';
import { newDraft } from './model/presets';

export interface OpenResourceRequest {
  /** the resource as listed (a ListResponse row): its `id`, `schemas` and `meta` say what it is */
  resource: unknown;
  /** the registry of the endpoint it came from (to tell its resource type from its schemas) */
  registry?: SchemaRegistry | undefined;
  /** the resource type the list was of, when the resource does not say */
  resourceType?: string | undefined;
  /** open without switching to it */
  background?: boolean;
}

function location(resource: JsonObject): string | undefined {
  const meta = Object.entries(resource).find(([k]) => k.toLowerCase() === 'meta')?.[1];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return undefined;
  const value = Object.entries(meta).find(([k]) => k.toLowerCase() === 'location')?.[1];
  return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined;
}

/**
 * Opens a resource in a new request tab (a Get of it), e.g. when a ListResponse row is clicked.
 * Returns the new tab's id, or undefined when the resource has no id to address it by.
 */
export function openResourceTab({ resource, registry = SchemaRegistry.core(), resourceType, background = false }: OpenResourceRequest): string | undefined {
  const asExchange = { response: { body: { preview: JSON.stringify(resource ?? null), truncated: false }, headers: [] } } as unknown as HttpExchange;
  const ref = resourcesIn(asExchange, registry)[0];
  if (!ref) return undefined;
  const type = registry.resourceType(ref.resourceType ?? resourceType ?? '')?.name;
  if (type) return useTabs.getState().open(newDraft('get', type, { registry }, ref.id), { background });
  // a type this registry does not know: address it by where the server says it is
  const where = location(ref.resource);
  return useTabs.getState().open({ operation: 'raw', method: 'GET', path: where ?? `/${encodeURIComponent(ref.id)}`, name: `Get ${ref.label}` }, { background });
}
