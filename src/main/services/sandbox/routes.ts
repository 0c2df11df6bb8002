import type { IncomingMessage } from 'node:http';
import type { Principal } from './auth';
import { runBulk } from './bulk';
import type { DiscoveryDocuments } from './discovery';
import type { TypeName } from './directory';
import { ScimHttpError, notFound } from './errors';
import { readJsonObject, type Reply } from './http-io';
import { paramReader, queryFromParams, queryFromSearchRequest } from './query';
import type { ResourceRequest, ScimService } from './service';

export interface RouteContext {
  req: IncomingMessage;
  method: string;
  /** path segments after the base path, percent-decoded */
  segments: string[];
  params: URLSearchParams;
  principal: Principal;
}

export interface Routes {
  handle(context: RouteContext): Promise<Reply> | Reply;
}

const notAllowed = (method: string, allow: string, where: string) =>
  new ScimHttpError(405, `${method} is not supported on ${where}; allowed: ${allow}.`, undefined, { allow });

/** Maps SCIM endpoints (RFC 7644 §3.2) to the service; everything is relative to the base URL. */
export function createRoutes(service: ScimService, discovery: () => DiscoveryDocuments): Routes {
  const endpoints = new Map<string, TypeName>();
  for (const type of ['User', 'Group'] as const) endpoints.set(service.directory.resourceTypes[type].endpoint.toLowerCase(), type);
  const allTypes = [...endpoints.values()];
  const limit = () => service.limits.maxPayloadSize;

  const resourceRequest = (ctx: RouteContext): ResourceRequest => {
    const get = paramReader(ctx.params);
    const split = (v: string | undefined) => v?.split(',').map((s) => s.trim()).filter(Boolean);
    const header = (name: string) => {
      const value = ctx.req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    return {
      projection: { attributes: split(get('attributes')), excludedAttributes: split(get('excludedAttributes')) },
      ifMatch: header('if-match'),
      ifNoneMatch: header('if-none-match'),
    };
  };

  const searchQuery = async (ctx: RouteContext) => {
    const query = queryFromSearchRequest(await readJsonObject(ctx.req, limit(), 'search request'), service.limits, service.settings.lenient);
    if (service.defects.has('search-ignores-filter')) delete query.filter;
    return query;
  };

  const discoveryRoute = (ctx: RouteContext, name: string, document: () => string): Reply => {
    if (ctx.method !== 'GET') throw notAllowed(ctx.method, 'GET', `/${name}`);
    // RFC 7644 §4: these are not queries; a filter would suggest conditions that are not applied
    if (paramReader(ctx.params)('filter') !== undefined) throw new ScimHttpError(403, `/${name} does not support filtering (RFC 7644 §4).`);
    return { status: 200, body: document() };
  };

  const single = async (ctx: RouteContext, type: TypeName, id: string, where: string): Promise<Reply> => {
    const request = resourceRequest(ctx);
    switch (ctx.method) {
      case 'GET':
        return service.get(type, id, request);
      case 'PUT':
        return service.replace(type, id, await readJsonObject(ctx.req, limit(), 'resource'), request);
      case 'PATCH':
        return service.patch(type, id, await readJsonObject(ctx.req, limit(), 'PATCH request'), request);
      case 'DELETE':
        return service.delete(type, id, request);
      default:
        throw notAllowed(ctx.method, 'GET, PUT, PATCH, DELETE', where);
    }
  };

  return {
    async handle(ctx) {
      const [first, second, ...rest] = ctx.segments;
      if (first === undefined) {
        if (ctx.method !== 'GET') throw notAllowed(ctx.method, 'GET', 'the service root');
        return service.list(allTypes, queryFromParams(ctx.params, service.limits));
      }
      const name = first.toLowerCase();
      if (name === '.search' && second === undefined) {
        if (service.defects.has('no-root-search')) throw notFound('Nothing is served at /.search.');
        if (ctx.method !== 'POST') throw notAllowed(ctx.method, 'POST', '/.search');
        return service.list(allTypes, await searchQuery(ctx));
      }
      if (rest.length === 0) {
        switch (name) {
          case 'serviceproviderconfig':
            if (second === undefined) return discoveryRoute(ctx, 'ServiceProviderConfig', () => discovery().serviceProviderConfig);
            break;
          case 'resourcetypes':
            return discoveryRoute(ctx, 'ResourceTypes', () => (second === undefined ? discovery().resourceTypes : discovery().resourceType(second)));
          case 'schemas':
            return discoveryRoute(ctx, 'Schemas', () => (second === undefined ? discovery().schemas : discovery().schema(second)));
          case 'bulk':
            if (second !== undefined) break;
            if (ctx.method !== 'POST') throw notAllowed(ctx.method, 'POST', '/Bulk');
            return runBulk(service, await readJsonObject(ctx.req, limit(), 'bulk request'), endpoints);
          case 'me':
            if (second !== undefined) break;
            if (ctx.method === 'POST') throw new ScimHttpError(501, 'POST /Me (self-registration) is not supported by this server (RFC 7644 §3.11).');
            return single(ctx, 'User', service.meId(ctx.principal), '/Me');
        }
      }
      const type = endpoints.get(`/${name}`);
      if (type && rest.length === 0) {
        const endpoint = service.directory.resourceTypes[type].endpoint;
        if (second === undefined) {
          if (ctx.method === 'GET') return service.list([type], queryFromParams(ctx.params, service.limits));
          if (ctx.method === 'POST') return service.create(type, await readJsonObject(ctx.req, limit(), 'resource'), resourceRequest(ctx));
          throw notAllowed(ctx.method, 'GET, POST', endpoint);
        }
        if (second === '.search') {
          if (ctx.method !== 'POST') throw notAllowed(ctx.method, 'POST', `${endpoint}/.search`);
          return service.list([type], await searchQuery(ctx));
        }
        return single(ctx, type, second, `${endpoint}/{id}`);
      }
      throw notFound(`Nothing is served at /${ctx.segments.join('/')}: the endpoints are /Users, /Groups, /Me, /Bulk, /.search, /ServiceProviderConfig, /ResourceTypes and /Schemas.`);
    },
  };
}
