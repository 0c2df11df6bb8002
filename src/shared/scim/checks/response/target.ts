import type { SchemaRegistry } from '../../schema/registry';

/** What a request path names: a resource type's collection, a `.search`, one resource, a discovery document, or else. */
export type RequestTargetKind = 'collection' | 'search' | 'resource' | 'discovery' | 'other';

const DISCOVERY = new Set(['serviceproviderconfig', 'resourcetypes', 'schemas']);

/** What a request path names, judged by the registry's resource type endpoints; and that type. */
export function requestTarget(path: string, registry: SchemaRegistry): { target: RequestTargetKind; resourceType?: string } {
  const base = path.split(/[?#]/)[0]!.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const segments = base.split('/').filter(Boolean);
  const last = segments.at(-1);
  const endpointNamed = (segment: string | undefined) => (segment ? registry.resourceTypes.find((rt) => rt.endpoint.replace(/^\//, '').toLowerCase() === segment.toLowerCase()) : undefined);
  if (last?.toLowerCase() === '.search') {
    const rt = endpointNamed(segments.at(-2));
    return { target: 'search', ...(rt ? { resourceType: rt.name } : {}) };
  }
  const asCollection = endpointNamed(last);
  if (asCollection) return { target: 'collection', resourceType: asCollection.name };
  const asResource = endpointNamed(segments.at(-2));
  if (asResource) return { target: 'resource', resourceType: asResource.name };
  if ((last && DISCOVERY.has(last.toLowerCase())) || (segments.length >= 2 && DISCOVERY.has(segments.at(-2)!.toLowerCase()))) return { target: 'discovery' };
  return { target: 'other' };
}

/** The query parameters of a path (`/Users?filter=…&count=5`), decoded; the last value of a repeated name wins. */
export function queryOf(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const at = path.indexOf('?');
  if (at < 0) return out;
  for (const pair of path.slice(at + 1).split('#')[0]!.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return text;
      }
    };
    out.set(decode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase(), decode(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return out;
}

/** The paging a request asked for, read from its query (RFC 7644 §3.4.2.4, RFC 9865 §2). */
export function pagingOfPath(path: string): { startIndex?: number; count?: number; cursor?: string } {
  const query = queryOf(path);
  const integer = (name: string) => {
    const text = query.get(name.toLowerCase());
    return text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
  };
  const startIndex = integer('startIndex');
  const count = integer('count');
  const cursor = query.get('cursor');
  return { ...(startIndex !== undefined ? { startIndex } : {}), ...(count !== undefined ? { count } : {}), ...(cursor !== undefined ? { cursor } : {}) };
}
