import { SchemaRegistry } from '@shared/scim/schema/registry';
import type { Discovery, DiscoveredDocument } from '@shared/api/commands/discovery';
import type { AppError } from '@shared/api/errors';
import type { SendOptions, SendResult } from '../http/engine';
import type { RequestSpec } from '@shared/model/request-spec';

export interface DiscoveryEngine {
  execute(spec: RequestSpec, options?: SendOptions): Promise<SendResult>;
}

const PATHS = { serviceProviderConfig: '/ServiceProviderConfig', resourceTypes: '/ResourceTypes', schemas: '/Schemas' } as const;

/** `Resources` of a ListResponse (attribute names are case-insensitive), or a bare array. */
export function listResources(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (typeof document !== 'object' || document === null) return undefined;
  for (const [key, value] of Object.entries(document)) if (key.toLowerCase() === 'resources' && Array.isArray(value)) return value;
  return undefined;
}

function scimDetail(document: unknown): string {
  if (typeof document !== 'object' || document === null) return '';
  const detail = (document as { detail?: unknown }).detail;
  return typeof detail === 'string' ? `: ${detail}` : '';
}

/**
 * Why a /Schemas answer cannot stand for the server's schemas (undefined when it can), and what the
 * registry had to repair in it: the same `SchemaRegistry.fromDiscovery` the renderer builds from it.
 */
export function judgeSchemas(schemas: DiscoveredDocument, resourceTypes: DiscoveredDocument): { problem?: string; repairs: string[] } {
  if (schemas.error) return { problem: `${schemas.path} failed: ${schemas.error.message}`, repairs: [] };
  if (!schemas.resources) return { problem: `${schemas.path} did not answer with a list of schemas`, repairs: [] };
  if (schemas.resources.length === 0) return { problem: `${schemas.path} lists no schema`, repairs: [] };
  const registry = SchemaRegistry.fromDiscovery(schemas.resources, resourceTypes.resources ?? []);
  const served = registry.schemas.filter((s) => schemas.resources!.some((r) => typeof r === 'object' && r !== null && (r as { id?: unknown }).id === s.id));
  if (served.length === 0) return { problem: `none of the ${schemas.resources.length} schemas of ${schemas.path} could be read`, repairs: [...registry.problems] };
  return { repairs: [...registry.problems] };
}

/**
 * Reads what an endpoint says about itself: each document fetched on its own (one failing does not
 * hide the others), cached per endpoint until a refresh or a change of the endpoint.
 */
export class DiscoveryService {
  private readonly cache = new Map<string, Discovery>();
  private readonly inflight = new Map<string, Promise<Discovery>>();

  constructor(private readonly engine: DiscoveryEngine) {}

  async get(endpointId: string, refresh = false): Promise<Discovery> {
    const cached = this.cache.get(endpointId);
    if (cached && !refresh) return { ...cached, fromCache: true };
    let pending = this.inflight.get(endpointId);
    if (!pending) {
      pending = this.discover(endpointId).finally(() => this.inflight.delete(endpointId));
      this.inflight.set(endpointId, pending);
    }
    const fresh = await pending;
    this.cache.set(endpointId, fresh);
    return fresh;
  }

  /** What is known already, without asking the server (exports use it). */
  cached(endpointId: string): Discovery | undefined {
    return this.cache.get(endpointId);
  }

  invalidate(endpointId?: string): void {
    if (endpointId === undefined) this.cache.clear();
    else this.cache.delete(endpointId);
  }

  private async discover(endpointId: string): Promise<Discovery> {
    const [serviceProviderConfig, resourceTypes, schemas] = await Promise.all([
      this.fetch(endpointId, PATHS.serviceProviderConfig, false),
      this.fetch(endpointId, PATHS.resourceTypes, true),
      this.fetch(endpointId, PATHS.schemas, true),
    ]);
    const { problem, repairs } = judgeSchemas(schemas, resourceTypes);
    return {
      endpointId,
      serviceProviderConfig,
      resourceTypes,
      schemas,
      usesCoreSchemas: problem !== undefined,
      notice: problem
        ? `The server's schemas could not be used (${problem}). The RFC 7643 core schemas (User, Group, Enterprise User) stand in, so attribute names, types and checks may not match what this server really supports.`
        : undefined,
      schemaRepairs: repairs,
      fetchedAt: new Date().toISOString(),
      fromCache: false,
    };
  }

  private async fetch(endpointId: string, path: string, list: boolean): Promise<DiscoveredDocument> {
    const started = performance.now();
    const done = (fields: Omit<DiscoveredDocument, 'path' | 'durationMs' | 'url'> & { url?: string }): DiscoveredDocument => ({
      path,
      url: fields.url ?? path,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...fields,
    });
    let result: SendResult;
    try {
      result = await this.engine.execute({ endpointId, method: 'GET', path, headers: [], variables: {} }, { record: false });
    } catch (thrown) {
      const error = (thrown as { error?: AppError }).error ?? { kind: 'internal' as const, message: thrown instanceof Error ? thrown.message : String(thrown) };
      return done({ error });
    }
    const { exchange, responseBody } = result;
    const url = exchange.request.url;
    if (exchange.error || !exchange.response) return done({ url, error: exchange.error ?? { kind: 'network', message: `No answer to ${path}` } });
    const status = exchange.response.status;
    let document: unknown;
    const text = responseBody?.toString('utf8') ?? '';
    try {
      document = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return done({ url, status, error: { kind: 'validation', message: `${path} answered ${status} with a body that is not JSON (${exchange.response.body.contentType ?? 'no content type'})`, issues: [{ path, message: 'not JSON' }] } });
    }
    if (status < 200 || status > 299) {
      return done({ url, status, document, error: { kind: 'http', status, message: `${path} answered ${status} ${exchange.response.statusText}${scimDetail(document)}` } });
    }
    return done({ url, status, document, resources: list ? listResources(document) : undefined });
  }
}
