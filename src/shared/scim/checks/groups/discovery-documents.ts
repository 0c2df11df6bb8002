import { URN } from '../../urns';
import { difference, show } from '../compare';
import { member } from '../features';
import { describe, isListResponse, isObject, isScimError, requireStatus, resourcesOf, type Json } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, ScimResponse } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';

const DISCOVERY = ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas'] as const;

const integer = (value: unknown) => typeof value === 'number' && Number.isInteger(value);
const positive = (value: unknown) => integer(value) && (value as number) > 0;

/** The served list's entries (ListResponse Resources, or a bare array), or undefined when it was not served. */
function entries(response: ScimResponse): Json[] | undefined {
  if (response.status !== 200) return undefined;
  return resourcesOf(response.json) ?? (Array.isArray(response.json) ? response.json.filter(isObject) : undefined);
}

function requireEntries(ctx: CheckContext, response: ScimResponse, what: string): Json[] {
  ctx.client.cite(response);
  requireStatus(response, 200, `GET ${what}`, `Serve GET ${what} (RFC 7644 §4).`);
  return entries(response) ?? [];
}

/** GET each entry on its own and compare it with the list's entry. */
async function eachByIdMatches(ctx: CheckContext, list: Json[], base: string, key: 'id' | 'name'): Promise<CheckVerdict> {
  if (list.length === 0) return skip(`${base} lists nothing to fetch one by one`);
  const verdicts: CheckVerdict[] = [];
  for (const entry of list) {
    const id = member(entry, 'id') ?? (key === 'name' ? member(entry, 'name') : undefined);
    if (typeof id !== 'string') {
      verdicts.push(fail(`An entry of ${base} has no id to fetch it by`, { actual: show(entry) }));
      continue;
    }
    const response = await ctx.client.send({ method: 'GET', path: `${base}/${encodeURIComponent(id)}` });
    if (response.status !== 200) verdicts.push(fail(`GET ${base}/${id} answered ${response.status}`, { expected: '200 with the same document as in the list', actual: describe(response), fix: `RFC 7644 §4: a specific entry of ${base} is returned like a single resource (§3.4.1).` }));
    else {
      const differs = difference(entry, response.json);
      verdicts.push(differs ? warn(`GET ${base}/${id} differs from its list entry: ${differs}`, { fix: 'Serve the same document in the list and on its own.' }) : pass(`GET ${base}/${id} matches the list`));
    }
  }
  const failing = verdicts.filter((v) => v.status !== 'pass');
  return failing.length ? worst(failing) : pass(`Each of the ${list.length} entries of ${base} can be fetched by id and matches the list`);
}

async function unknownAnswers404(ctx: CheckContext, base: string): Promise<CheckVerdict> {
  const response = await ctx.client.send({ method: 'GET', path: `${base}/${ctx.prefix}-unknown` });
  if (response.status !== 404) return fail(`GET ${base}/<unknown> answered ${response.status}`, { expected: '404 with a SCIM Error', actual: describe(response), fix: 'Answer 404 for an entry that does not exist (RFC 7644 §3.12).' });
  if (!isScimError(response.json)) return warn(`GET ${base}/<unknown> answered 404 without a SCIM Error`, { actual: describe(response) });
  return pass(`GET ${base}/<unknown> answered 404 with a SCIM Error`);
}

/** Discovery documents (RFC 7643 §5–§7, RFC 7644 §4, RFC 9865 §4). */
export const discoveryDocumentChecks: CheckDefinition[] = [
  {
    id: 'D02',
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.serviceProviderConfig;
      ctx.client.cite(response);
      requireStatus(response, 200, 'GET /ServiceProviderConfig');
      const spc = response.json;
      const problems: string[] = [];
      for (const name of ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag']) {
        const feature = member(spc, name);
        if (!isObject(feature)) problems.push(`${name} is ${feature === undefined ? 'missing' : `not an object (${show(feature)})`}`);
        else if (typeof member(feature, 'supported') !== 'boolean') problems.push(`${name}.supported is ${show(member(feature, 'supported'))}, not a boolean`);
      }
      const bulk = member(spc, 'bulk');
      if (member(bulk, 'supported') === true) for (const name of ['maxOperations', 'maxPayloadSize']) if (!integer(member(bulk, name))) problems.push(`bulk.${name} is ${show(member(bulk, name))}, not an integer`);
      const filter = member(spc, 'filter');
      if (member(filter, 'supported') === true && !integer(member(filter, 'maxResults'))) problems.push(`filter.maxResults is ${show(member(filter, 'maxResults'))}, not an integer`);
      if (problems.length) return fail(`The ServiceProviderConfig is incomplete: ${problems.join('; ')}`, { fix: 'RFC 7643 §5: patch, bulk, filter, changePassword, sort and etag are REQUIRED complex attributes with a boolean "supported"; bulk and filter carry their integer limits.' });
      return pass('The ServiceProviderConfig has every feature with a boolean "supported" and integer limits');
    },
  },
  {
    id: 'D03',
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.serviceProviderConfig;
      ctx.client.cite(response);
      requireStatus(response, 200, 'GET /ServiceProviderConfig');
      const schemes = member(response.json, 'authenticationSchemes');
      if (!Array.isArray(schemes) || schemes.length === 0) return fail(`authenticationSchemes is ${show(schemes)}`, { expected: 'a non-empty array', fix: 'RFC 7643 §5: authenticationSchemes is REQUIRED: list how clients authenticate (e.g. oauthbearertoken).' });
      const incomplete = schemes.filter((s) => !['type', 'name', 'description'].every((k) => typeof member(s, k) === 'string'));
      if (incomplete.length) return fail(`${incomplete.length} authentication scheme(s) lack type, name or description`, { actual: show(incomplete), fix: 'Each scheme has type, name and description (RFC 7643 §5).' });
      return pass(`authenticationSchemes lists ${schemes.map((s) => member(s, 'type')).join(', ')}`);
    },
  },
  {
    id: 'D04',
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.serviceProviderConfig;
      ctx.client.cite(response);
      const pagination = member(response.json, 'pagination');
      if (pagination === undefined) return skip('The ServiceProviderConfig has no RFC 9865 pagination member (it is optional)');
      if (!isObject(pagination)) return fail(`pagination is ${show(pagination)}, not an object`, { fix: 'RFC 9865 §4: pagination is a complex attribute.' });
      const problems: string[] = [];
      for (const name of ['cursor', 'index']) if (typeof member(pagination, name) !== 'boolean') problems.push(`${name} is ${show(member(pagination, name))}, not a boolean (REQUIRED)`);
      const method = member(pagination, 'defaultPaginationMethod');
      if (method !== undefined && method !== 'cursor' && method !== 'index') problems.push(`defaultPaginationMethod is ${show(method)}, not "cursor" or "index"`);
      for (const name of ['defaultPageSize', 'maxPageSize', 'cursorTimeout']) {
        const value = member(pagination, name);
        if (value !== undefined && !positive(value)) problems.push(`${name} is ${show(value)}, not a positive integer`);
      }
      if (problems.length) return fail(`pagination is malformed: ${problems.join('; ')}`, { fix: 'RFC 9865 §4: cursor and index are REQUIRED booleans; defaultPaginationMethod is "cursor" or "index"; sizes and cursorTimeout are positive integers.' });
      return pass(`pagination: cursor ${String(member(pagination, 'cursor'))}, index ${String(member(pagination, 'index'))}${method ? `, default ${String(method)}` : ''}`);
    },
  },
  {
    id: 'D06',
    mutates: false,
    async run(ctx) {
      const list = requireEntries(ctx, ctx.facts.discovery.resourceTypes, '/ResourceTypes');
      if (list.length === 0) return fail('/ResourceTypes lists no resource type');
      const problems: string[] = [];
      for (const rt of list) {
        const label = String(member(rt, 'name') ?? member(rt, 'id') ?? '(unnamed)');
        for (const name of ['name', 'endpoint', 'schema']) if (typeof member(rt, name) !== 'string') problems.push(`${label}: ${name} is ${show(member(rt, name))}`);
        const extensions = member(rt, 'schemaExtensions');
        if (extensions !== undefined) {
          if (!Array.isArray(extensions)) problems.push(`${label}: schemaExtensions is not an array`);
          else for (const ext of extensions) if (typeof member(ext, 'schema') !== 'string' || typeof member(ext, 'required') !== 'boolean') problems.push(`${label}: extension ${show(ext)} needs schema (string) and required (boolean)`);
        }
      }
      if (problems.length) return fail(`${problems.length} problem(s) in /ResourceTypes: ${problems.slice(0, 4).join('; ')}`, { fix: 'RFC 7643 §6: name, endpoint and schema are REQUIRED; each schemaExtensions entry has schema and a boolean required.' });
      return pass(`${list.length} resource types, each with name, endpoint, schema and well-formed extensions`);
    },
  },
  {
    id: 'D07',
    mutates: false,
    async run(ctx) {
      return eachByIdMatches(ctx, requireEntries(ctx, ctx.facts.discovery.resourceTypes, '/ResourceTypes'), '/ResourceTypes', 'name');
    },
  },
  { id: 'D08', mutates: false, run: (ctx) => unknownAnswers404(ctx, '/ResourceTypes') },
  {
    id: 'D09',
    mutates: false,
    async run(ctx) {
      const list = requireEntries(ctx, ctx.facts.discovery.resourceTypes, '/ResourceTypes');
      const urns = [...new Set(list.flatMap((rt) => [member(rt, 'schema'), ...((member(rt, 'schemaExtensions') as unknown[] | undefined) ?? []).map((e) => member(e, 'schema'))]).filter((u): u is string => typeof u === 'string'))];
      if (urns.length === 0) return skip('/ResourceTypes names no schema');
      const missing: string[] = [];
      for (const urn of urns) {
        const response = await ctx.client.send({ method: 'GET', path: `/Schemas/${encodeURIComponent(urn)}` });
        if (response.status !== 200 || member(response.json, 'id') !== urn) missing.push(`${urn} (${response.status})`);
      }
      if (missing.length) return fail(`${missing.length} schema(s) a resource type uses cannot be read at /Schemas/{urn}: ${missing.join(', ')}`, { fix: 'Serve every schema and extension your resource types name (RFC 7643 §6, RFC 7644 §4).' });
      return pass(`All ${urns.length} schemas the resource types name are served at /Schemas/{urn}`);
    },
  },
  {
    id: 'D10',
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.schemas;
      ctx.client.cite(response);
      requireStatus(response, 200, 'GET /Schemas', 'Serve GET /Schemas (RFC 7644 §4).');
      if (Array.isArray(response.json)) return fail('GET /Schemas answered a bare array', { expected: 'a ListResponse', fix: 'RFC 7644 §4: multiple Schemas are returned in the ListResponse form (SHALL).' });
      if (!isListResponse(response.json) || !resourcesOf(response.json)) return fail('GET /Schemas did not answer a ListResponse', { actual: describe(response), fix: 'RFC 7644 §4: multiple Schemas are returned in the ListResponse form (SHALL).' });
      const notSchemas = resourcesOf(response.json)!.filter((s) => typeof member(s, 'id') !== 'string' || !Array.isArray(member(s, 'attributes')));
      if (notSchemas.length) return fail(`${notSchemas.length} entries of /Schemas are not Schema resources (id and attributes)`, { fix: 'RFC 7643 §7: each schema has an id (its URN) and its attributes.' });
      return pass(`GET /Schemas answered a ListResponse of ${resourcesOf(response.json)!.length} schemas`);
    },
  },
  {
    id: 'D11',
    mutates: false,
    async run(ctx) {
      const ids = requireEntries(ctx, ctx.facts.discovery.schemas, '/Schemas').map((s) => String(member(s, 'id')).toLowerCase());
      const missing = [URN.serviceProviderConfig, URN.resourceType, URN.schema].filter((urn) => !ids.includes(urn.toLowerCase()));
      if (missing.length) return warn(`/Schemas does not list ${missing.join(', ')}`, { fix: 'RFC 7643 §7 and §8.7.2 define the schemas of the discovery documents; listing them lets clients read those documents the same way.' });
      return pass('/Schemas lists the ServiceProviderConfig, ResourceType and Schema schemas');
    },
  },
  {
    id: 'D15',
    mutates: false,
    async run(ctx) {
      return eachByIdMatches(ctx, requireEntries(ctx, ctx.facts.discovery.schemas, '/Schemas'), '/Schemas', 'id');
    },
  },
  { id: 'D16', mutates: false, run: (ctx) => unknownAnswers404(ctx, '/Schemas') },
  {
    id: 'D17',
    mutates: true,
    async run(ctx) {
      const odd: ScimResponse[] = [];
      for (const path of DISCOVERY) {
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
          const response = await ctx.client.send({ method, path, ...(method === 'DELETE' ? {} : { body: { schemas: [URN.serviceProviderConfig] } }) });
          if (response.status !== 405) odd.push(response);
        }
      }
      if (odd.length === 0) return pass('POST, PUT, PATCH and DELETE on the three discovery endpoints answered 405');
      const byStatus = [...new Set(odd.map((r) => r.status))].map((status) => `${odd.filter((r) => r.status === status).length} × ${status}`).join(', ');
      const accepted = odd.filter((r) => r.status >= 200 && r.status < 300);
      const evidence = { expected: '405 Method Not Allowed with Allow: GET', actual: describe(accepted[0] ?? odd[0]!), fix: 'Discovery endpoints are read-only (RFC 7644 §4): answer writes with 405 and Allow: GET (RFC 9110 §15.5.6).' };
      if (accepted.length) return fail(`${accepted.length} write(s) to discovery endpoints were accepted (${byStatus} of 12)`, evidence);
      return warn(`Writes to discovery endpoints answered ${byStatus} of 12, not 405`, evidence);
    },
  },
  {
    id: 'D18',
    mutates: false,
    async run(ctx) {
      const all = entries(ctx.facts.discovery.schemas)?.length;
      const response = await ctx.client.send({ method: 'GET', path: `/Schemas?filter=${encodeURIComponent(`id eq "${URN.user}"`)}` });
      if (response.status === 403) return pass('A filter on /Schemas answered 403, as RFC 7644 §4 recommends');
      if (response.status === 200) {
        const got = entries(response)?.length;
        if (all !== undefined && got !== all) return fail(`A filter on /Schemas was applied (${got} of ${all} schemas)`, { fix: 'RFC 7644 §4: query parameters on discovery endpoints SHALL be ignored; a filter SHOULD get 403.' });
        return warn('A filter on /Schemas was ignored (200 with every schema)', { fix: 'RFC 7644 §4: answer a filter on a discovery endpoint with 403 so clients do not think it was applied (SHOULD).' });
      }
      return warn(`A filter on /Schemas answered ${response.status}`, { expected: '403 (or 200 ignoring it)', actual: describe(response) });
    },
  },
  {
    id: 'D19',
    mutates: false,
    async run(ctx) {
      const all = entries(ctx.facts.discovery.resourceTypes)?.length;
      const response = await ctx.client.send({ method: 'GET', path: '/ResourceTypes?count=1&startIndex=1&attributes=name&sortBy=name' });
      if (response.status !== 200) return fail(`GET /ResourceTypes with count, attributes and sortBy answered ${response.status}`, { expected: '200, the parameters ignored', actual: describe(response), fix: 'RFC 7644 §4: query parameters on discovery endpoints SHALL be ignored.' });
      const got = entries(response);
      if (all !== undefined && got?.length !== all) return fail(`GET /ResourceTypes?count=1 answered ${got?.length ?? 0} of ${all} resource types`, { fix: 'RFC 7644 §4: paging parameters on discovery endpoints SHALL be ignored.' });
      if (got?.some((rt) => member(rt, 'endpoint') === undefined)) return fail('GET /ResourceTypes?attributes=name dropped other members', { fix: 'RFC 7644 §4: attribute selection on discovery endpoints SHALL be ignored.' });
      return pass('count, startIndex, attributes and sortBy on /ResourceTypes were ignored');
    },
  },
  {
    id: 'D28',
    mutates: false,
    async run(ctx) {
      const list = requireEntries(ctx, ctx.facts.discovery.resourceTypes, '/ResourceTypes');
      const endpoints = list.map((rt) => member(rt, 'endpoint')).filter((e): e is string => typeof e === 'string');
      if (endpoints.length === 0) return skip('/ResourceTypes names no endpoint');
      const broken: string[] = [];
      for (const endpoint of endpoints) {
        const response = await ctx.client.send({ method: 'GET', path: `${endpoint.startsWith('/') ? '' : '/'}${endpoint}?count=1` });
        if (response.status !== 200 || !isListResponse(response.json)) broken.push(`${endpoint} (${response.status})`);
      }
      if (broken.length) return fail(`Resource type endpoints that do not answer a ListResponse: ${broken.join(', ')}`, { fix: 'Serve every endpoint /ResourceTypes names (RFC 7643 §6).' });
      return pass(`Every resource type endpoint (${endpoints.join(', ')}) answers a ListResponse`);
    },
  },
];
