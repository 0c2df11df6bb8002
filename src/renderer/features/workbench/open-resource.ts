import type { SchemaRegistry } from '@shared/scim';
import { useTabs } from '../../stores/tabs';
import type { OpenResourceTarget } from '../inspector/ResponseInspector';
import { newDraft } from './model/presets';

/**
 * Opens a resource in a new request tab, as a Get of it: what a click on a ListResponse row in the
 * inspector does. A resource type the registry does not know is fetched from its `meta.location`.
 * Returns the new tab's id.
 */
export function openResourceTab(target: OpenResourceTarget, registry: SchemaRegistry, options: { background?: boolean; endpointId?: string } = {}): string {
  const rt = registry.resourceType(target.resourceTypeEndpoint);
  if (rt) return useTabs.getState().open(newDraft('get', rt.name, { registry }, target.id), options);
  const path = target.location ?? `${target.resourceTypeEndpoint.replace(/\/+$/, '')}/${encodeURIComponent(target.id)}`;
  return useTabs.getState().open({ operation: 'raw', method: 'GET', path, name: `Get ${target.id}` }, options);
}
