import { describeValue, isObject } from '../json';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';
import { URN } from '../urns';
import { FindingList, isInteger, type Finding } from './findings';
import { checkResource } from './resource';

/** Options for `validateListResponse`. */
export interface ValidateListResponseOptions {
  registry?: SchemaRegistry;
  /** the type of the listed resources; default: each resource's own `schemas` */
  resourceType?: string | ScimResourceType;
  /** what the client asked for, to check the page against */
  request?: { startIndex?: number; count?: number; cursor?: string };
  /** check each resource against its schema (default true; false for lists of discovery documents) */
  checkResources?: boolean;
  /** resources already found without a finding (`ValidateResourceOptions.clean`) */
  clean?: Set<string>;
}

/** RFC 3986 §2.3 unreserved characters: what a cursor may hold so it needs no encoding (RFC 9865 §2). */
const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;

const RFC = 'RFC 7644 §3.4.2';
const PAGING = 'RFC 7644 §3.4.2.4';
const CURSOR = 'RFC 9865 §2';

/**
 * Checks a ListResponse (RFC 7644 §3.4.2): its schema URN, integer paging fields, `itemsPerPage` against
 * the number of Resources, `totalResults` against it, `startIndex` ≥ 1, the page against the requested
 * `count`, RFC 9865 cursors (`nextCursor`, `previousCursor`), and each resource.
 */
export function validateListResponse(body: unknown, options: ValidateListResponseOptions = {}): Finding[] {
  const out = new FindingList();
  if (!isObject(body)) {
    out.error([], 'notObject', `a ListResponse must be a JSON object, got ${describeValue(body)}`, RFC);
    return out.items;
  }
  const keys = Object.keys(body);
  const keyOf = (name: string) => keys.find((k) => k.toLowerCase() === name.toLowerCase() && body[k] !== undefined);
  const get = (name: string) => {
    const key = keyOf(name);
    return key === undefined ? undefined : body[key];
  };

  const schemas = get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.listResponse.toLowerCase())) {
    out.error(['schemas'], 'missingListResponseSchema', `"schemas" must be ["${URN.listResponse}"], got ${describeValue(schemas)}`, RFC);
  }

  const integerField = (name: string, min: number, required: boolean): number | undefined => {
    const key = keyOf(name);
    const value = key === undefined ? undefined : body[key];
    if (value === undefined) {
      if (required) out.error([name], `${name}Missing`, `"${name}" is required`, RFC);
      return undefined;
    }
    if (!isInteger(value)) {
      const hint = typeof value === 'string' && /^\d+$/.test(value) ? ' (it is a string; send a JSON number)' : '';
      out.error([key!], 'notInteger', `"${name}" must be an integer, got ${describeValue(value)}${hint}`, PAGING);
      return undefined;
    }
    if (value < min) {
      out.error([key!], name === 'startIndex' ? 'startIndexBelowOne' : 'negative', `"${name}" must be ${min === 1 ? 'at least 1 (it is 1-based)' : 'non-negative'}, got ${value}`, PAGING);
      return undefined;
    }
    return value;
  };
  // RFC 9865 §2: with cursor paging a provider may leave totalResults out
  const cursorPaging = options.request?.cursor !== undefined || get('nextCursor') !== undefined || get('previousCursor') !== undefined;
  const totalResults = integerField('totalResults', 0, !cursorPaging);
  const itemsPerPage = integerField('itemsPerPage', 0, false);
  const startIndex = integerField('startIndex', 1, false);

  const resourcesKey = keyOf('Resources');
  const resources = resourcesKey === undefined ? undefined : body[resourcesKey];
  if (resourcesKey !== undefined && resourcesKey !== 'Resources') {
    out.warning([resourcesKey], 'resourcesCase', `"${resourcesKey}" is spelled "Resources" in RFC 7644; many clients look for that exact key`, RFC);
  }
  let count: number | undefined;
  if (resources === undefined) {
    if ((totalResults ?? 0) > 0 && itemsPerPage !== 0 && options.request?.count !== 0) {
      out.error(['Resources'], 'missingResources', `"Resources" is required when totalResults (${totalResults}) is not zero`, RFC);
    }
  } else if (!Array.isArray(resources)) {
    out.error([resourcesKey!], 'resourcesNotArray', `"Resources" must be an array, got ${describeValue(resources)}`, RFC);
  } else count = resources.length;

  const page = count ?? 0;
  if (itemsPerPage !== undefined && itemsPerPage !== page && resources !== undefined) {
    out.error([keyOf('itemsPerPage')!], 'itemsPerPageMismatch', `"itemsPerPage" is ${itemsPerPage}, but "Resources" holds ${page}`, PAGING);
  }
  if (totalResults !== undefined && totalResults < page) {
    out.error([keyOf('totalResults')!], 'totalResultsTooSmall', `"totalResults" is ${totalResults}, fewer than the ${page} resources in this page`, RFC);
  } else if (totalResults !== undefined && startIndex !== undefined && startIndex - 1 + page > totalResults) {
    out.warning([keyOf('startIndex')!], 'pageBeyondTotal', `a page starting at ${startIndex} with ${page} resources ends after totalResults (${totalResults})`, PAGING);
  }
  const request = options.request;
  if (request?.count !== undefined && page > request.count) {
    out.error([resourcesKey ?? 'Resources'], 'tooManyResources', `the client asked for count=${request.count} but got ${page} resources; a service provider must not return more`, PAGING);
  }
  if (request?.startIndex !== undefined && startIndex !== undefined && request.startIndex >= 1 && startIndex !== request.startIndex) {
    out.warning([keyOf('startIndex')!], 'startIndexMismatch', `the client asked for startIndex=${request.startIndex} but the response says ${startIndex}`, PAGING);
  }

  for (const name of ['nextCursor', 'previousCursor']) {
    const value = get(name);
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') out.error([keyOf(name)!], 'cursorNotString', `"${name}" must be a non-empty string, got ${describeValue(value)}`, CURSOR);
    else if (!UNRESERVED.test(value)) out.warning([keyOf(name)!], 'cursorReservedCharacters', `"${name}" holds characters outside RFC 3986's unreserved set (A–Z a–z 0–9 - . _ ~): a client must percent-encode it, and many do not`, CURSOR);
  }
  if (request?.cursor === '' && get('previousCursor') !== undefined) {
    out.warning([keyOf('previousCursor')!], 'previousCursorOnFirstPage', '"previousCursor" on the first page (the request had an empty cursor): there is no page before it', CURSOR);
  }
  const partial = totalResults !== undefined && count !== undefined && count < totalResults;
  if (partial && !cursorPaging) {
    if (startIndex === undefined) out.error(['startIndex'], 'startIndexMissing', '"startIndex" is required when a page holds only part of the results', PAGING);
    if (itemsPerPage === undefined) out.error(['itemsPerPage'], 'itemsPerPageMissing', '"itemsPerPage" is required when a page holds only part of the results', PAGING);
  }
  if (request?.cursor !== undefined && get('startIndex') !== undefined) {
    out.info([keyOf('startIndex')!], 'startIndexWithCursor', 'the client paged by cursor; "startIndex" belongs to index paging', CURSOR);
  }

  if (Array.isArray(resources) && options.checkResources !== false) {
    resources.forEach((resource, i) =>
      checkResource(resource, [resourcesKey!, i], out, {
        ...(options.registry ? { registry: options.registry } : {}),
        ...(options.resourceType ? { resourceType: options.resourceType } : {}),
        ...(options.clean ? { clean: options.clean } : {}),
        direction: 'response',
      }),
    );
  }
  return out.items;
}
