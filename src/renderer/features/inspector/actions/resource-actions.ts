import type { JsonObject } from '@shared/scim';

/** What can be done to a resource seen in a response, in one click. */
export type ResourceAction = 'get' | 'patch' | 'replace' | 'delete';

export const RESOURCE_ACTIONS: readonly { action: ResourceAction; method: 'GET' | 'PATCH' | 'PUT' | 'DELETE'; label: string; help: string }[] = [
  { action: 'get', method: 'GET', label: 'Get', help: 'Open a GET of this resource in a new tab' },
  { action: 'patch', method: 'PATCH', label: 'Patch', help: 'Open a PATCH of this resource in a new tab' },
  { action: 'replace', method: 'PUT', label: 'Replace', help: 'Open a PUT of this resource in a new tab, its body the resource as it is now (read-only attributes left out)' },
  { action: 'delete', method: 'DELETE', label: 'Delete', help: 'Open a DELETE of this resource in a new tab (it asks before sending)' },
];

/** A resource an action is about. */
export interface ResourceTarget {
  /** the resource type's endpoint, e.g. `/Users` */
  resourceTypeEndpoint: string;
  id: string;
  /** `meta.location`, when the server gave one */
  location?: string;
  /** the resource as the response showed it whole (absent for a list row: the list may leave attributes out) */
  resource?: JsonObject;
  /** what a person recognises it by: userName, displayName… */
  label?: string;
}
