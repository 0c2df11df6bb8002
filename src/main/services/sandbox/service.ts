import { applyPatch, type ScimResourceType } from '@shared/scim';
import type { Principal } from './auth';
import type { SandboxLimits } from './constants';
import type { Directory, Draft, TypeName } from './directory';
import { badRequest, notFound } from './errors';
import { etagFor, etagListMatches } from './etag';
import type { Reply } from './http-io';
import { runQuery } from './list';
import { CursorCodec } from './paging';
import { hashPassword } from './passwords';
import { compileProjection, type ProjectionRequest } from './projection';
import type { ListQuery } from './query';
import { toScimHttpError } from './scim-errors';
import { shapeBody } from './shape';
import { Defects } from './defects';
import { checkResourceBody } from './validation';
import { serialized, type ScimObject, type StoredResource } from './store';

export interface ServiceSettings {
  /** accept Entra ID's default shapes (PATCH, filters, bodies) and report each deviation */
  lenient: boolean;
}

/** What a single-resource request carries besides its body. */
export interface ResourceRequest {
  projection?: ProjectionRequest;
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

export const DEVIATION_HEADER = 'x-scim-sandbox-deviations';

/** The SCIM operations on Users and Groups, shared by the HTTP routes, /Me and /Bulk. */
export class ScimService {
  readonly codec: CursorCodec;

  constructor(
    readonly directory: Directory,
    readonly limits: SandboxLimits,
    readonly settings: ServiceSettings,
    private readonly owner: () => string | undefined,
    /** planted defects a service-level rule reads (`defects.has(name)`) */
    readonly defects: Defects = new Defects(),
  ) {
    this.codec = new CursorCodec(limits.cursorTimeout);
  }

  list(types: readonly TypeName[], query: ListQuery): Reply {
    const result = runQuery(this.directory, types, query, this.codec, this.settings.lenient, this.defects);
    return { status: 200, body: result.json, headers: deviationHeaders(result.deviations.map((d) => d.message)) };
  }

  get(type: TypeName, id: string, request: ResourceRequest = {}): Reply {
    const record = this.directory.require(type, id);
    const etag = etagFor(record.revision);
    if (request.ifNoneMatch !== undefined && etagListMatches(request.ifNoneMatch, etag)) return { status: 304, headers: { etag } };
    return this.representation(200, type, record, request);
  }

  create(type: TypeName, body: ScimObject, request: ResourceRequest = {}): Reply {
    this.refuseReadOnly(body);
    const deviations: string[] = [];
    const draft = this.draft(type, body, deviations, 'create');
    const record = this.directory.create(type, draft);
    const reply = this.representation(201, type, record, request, deviations);
    return { ...reply, headers: { ...reply.headers, location: (record.resource.meta as { location: string }).location } };
  }

  replace(type: TypeName, id: string, body: ScimObject, request: ResourceRequest = {}): Reply {
    this.refuseReadOnly(body);
    const deviations: string[] = [];
    this.checkBodyId(body, id);
    const draft = this.draft(type, body, deviations, 'replace');
    const record = this.directory.replace(type, id, draft, request.ifMatch);
    return this.representation(200, type, record, request, deviations);
  }

  patch(type: TypeName, id: string, body: ScimObject, request: ResourceRequest = {}): Reply {
    const existing = this.directory.require(type, id);
    this.directory.checkIfMatch(existing, request.ifMatch);
    const rt = this.rt(type);
    let patched: ScimObject;
    const deviations: string[] = [];
    // attribute paths as keys of a no-path value (Entra's aadOptscim062020 multi-attribute replace) name those
    // attributes, in strict mode too: RFC 7644 §3.5.2.1/§3.5.2.3 read the value as "a set of attributes"
    const options = { registry: this.directory.registry, mode: this.settings.lenient ? ('lenient' as const) : ('strict' as const), pathKeys: true };
    if (this.defects.has('patch-remove-ignores-value')) body = removeWithoutValues(body);
    if (this.defects.has('patch-not-atomic')) this.patchPartially(type, existing, body, options);
    try {
      const result = applyPatch(existing.resource, body, options);
      patched = result.resource as ScimObject;
      for (const deviation of result.deviations) deviations.push(deviation.message);
    } catch (error) {
      throw toScimHttpError(error);
    }
    if (this.defects.has('patch-replace-complex-whole')) patched = replaceComplexWhole(patched, body);
    // the patched resource must still be a valid one (types, required attributes, one primary…)
    checkResourceBody(patched, rt, this.directory.registry, 'replace');
    const shaped = shapeBody(patched, rt, this.directory.registry);
    const draft = this.finishDraft(type, shaped, deviations);
    const record = this.directory.replacePatched(type, existing, draft);
    return this.representation(200, type, record, request, deviations);
  }

  /** Planted defect `readonly-rejected`: a body carrying meta is refused instead of meta being ignored. */
  private refuseReadOnly(body: ScimObject): void {
    if (this.defects.has('readonly-rejected') && Object.keys(body).some((k) => k.toLowerCase() === 'meta')) throw badRequest('meta is read-only.', 'mutability');
  }

  /** Planted defect `patch-not-atomic`: stores the operations that succeed before one fails. */
  private patchPartially(type: TypeName, existing: StoredResource, body: ScimObject, options: Parameters<typeof applyPatch>[2]): void {
    const operations = Array.isArray(body.Operations) ? body.Operations : [];
    let resource = existing.resource;
    for (const [index, operation] of operations.entries()) {
      try {
        resource = applyPatch(resource, { ...body, Operations: [operation] }, options).resource as ScimObject;
      } catch {
        if (index > 0) this.directory.replacePatched(type, existing, this.finishDraft(type, shapeBody(resource, this.rt(type), this.directory.registry), []));
        return;
      }
    }
  }

  delete(type: TypeName, id: string, request: ResourceRequest = {}): Reply {
    this.directory.remove(type, id, request.ifMatch);
    return { status: 204 };
  }

  /** RFC 7644 §3.11: the User the authenticated subject is. */
  meId(principal: Principal): string {
    const userName = principal.kind === 'basic' ? principal.userName : this.owner();
    const id = userName === undefined ? undefined : this.directory.users.findUnique('userName', userName);
    if (id === undefined) {
      throw notFound(
        userName === undefined
          ? 'The bearer token is not mapped to a User on this server, so /Me has nothing to show (RFC 7644 §3.11).'
          : `The authenticated subject "${userName}" has no User resource on this server (RFC 7644 §3.11).`,
      );
    }
    return id;
  }

  private rt(type: TypeName): ScimResourceType {
    return this.directory.resourceTypes[type];
  }

  private checkBodyId(body: ScimObject, id: string): void {
    const key = Object.keys(body).find((k) => k.toLowerCase() === 'id');
    if (key !== undefined && body[key] !== id) throw badRequest(`The body's "id" (${JSON.stringify(body[key])}) is not the id in the URL (${id}).`, 'invalidValue');
  }

  private draft(type: TypeName, body: ScimObject, deviations: string[], operation: 'create' | 'replace'): Draft {
    const shaped = shapeBody(body, this.rt(type), this.directory.registry);
    checkResourceBody(this.settings.lenient ? lenientView(body, shaped, this.rt(type)) : body, this.rt(type), this.directory.registry, operation);
    return this.finishDraft(type, shaped, deviations);
  }

  private finishDraft(type: TypeName, shaped: ReturnType<typeof shapeBody>, deviations: string[]): Draft {
    const rt = this.rt(type);
    if (shaped.unknown.length) {
      const message = `Unknown attribute${shaped.unknown.length > 1 ? 's' : ''} for ${rt.name}: ${shaped.unknown.join(', ')} (see /Schemas for what ${rt.endpoint} accepts).`;
      if (!this.settings.lenient) throw badRequest(message, 'invalidValue');
      deviations.push(`${message} Ignored.`);
    }
    const schemas = shaped.body.schemas as string[] | undefined;
    if (schemas === undefined) {
      if (!this.settings.lenient) throw badRequest(`The body needs "schemas": ["${rt.schema}"${rt.schemaExtensions.length ? ', …extensions' : ''}] (RFC 7643 §3).`, 'invalidValue');
      deviations.push('"schemas" is missing; assumed.');
    }
    for (const ext of rt.schemaExtensions) {
      if (shaped.body[ext.schema] !== undefined && schemas && !schemas.includes(ext.schema)) {
        if (!this.settings.lenient) throw badRequest(`The body has ${ext.schema} attributes but "schemas" does not list ${ext.schema} (RFC 7643 §3).`, 'invalidValue');
        deviations.push(`"schemas" does not list ${ext.schema}; added.`);
      }
    }
    const hidden: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(shaped.hidden)) {
      if (name === 'password') {
        if (typeof value !== 'string') throw badRequest('"password" must be a string.', 'invalidValue');
        hidden.password = hashPassword(value);
      } else hidden[name] = value;
    }
    return { body: shaped.body, hidden };
  }

  private representation(status: number, type: TypeName, record: StoredResource, request: ResourceRequest, deviations: string[] = []): Reply {
    const project = request.projection ? compileProjection(request.projection, this.rt(type), this.directory.registry) : undefined;
    const body = project ? JSON.stringify(project(record.resource)) : serialized(record);
    // RFC 9110 §8.7: the body is the representation of the resource at meta.location
    const location = (record.resource.meta as { location?: string } | undefined)?.location;
    return { status, body, headers: { etag: etagFor(record.revision), ...(location ? { 'content-location': location } : {}), ...deviationHeaders(deviations) } };
  }
}

/** Planted defect `patch-remove-ignores-value`: every remove loses its value list (a whole-attribute remove). */
function removeWithoutValues(body: ScimObject): ScimObject {
  if (!Array.isArray(body.Operations)) return body;
  const operations = body.Operations.map((op: unknown) => {
    if (typeof op !== 'object' || op === null || String((op as Record<string, unknown>).op).toLowerCase() !== 'remove') return op;
    const { value: _value, ...rest } = op as Record<string, unknown>;
    return rest;
  });
  return { ...body, Operations: operations } as ScimObject;
}

/** Lenient mode says what it let through, in a response header (ASCII, one line). */
function deviationHeaders(messages: readonly string[]): Record<string, string> {
  if (messages.length === 0) return {};
  const text = messages.join(' | ').replace(/[^\x20-\x7e]/g, '?');
  return { [DEVIATION_HEADER]: text.length > 2000 ? `${text.slice(0, 1997)}...` : text };
}

/** What lenient mode keeps of a body (unknown attributes dropped, `schemas` completed), for the validator to judge. */
function lenientView(body: ScimObject, shaped: ReturnType<typeof shapeBody>, rt: ScimResourceType): ScimObject {
  const drop = new Set(shaped.unknown.filter((path) => !path.includes('.') && !path.includes(':')).map((p) => p.toLowerCase()));
  const view = Object.fromEntries(Object.entries(body).filter(([key]) => !drop.has(key.toLowerCase()) && key.toLowerCase() !== 'schemas'));
  const schemas = [rt.schema, ...rt.schemaExtensions.filter((e) => shaped.body[e.schema] !== undefined || (shaped.body.schemas as string[] | undefined)?.includes(e.schema)).map((e) => e.schema)];
  return { schemas, ...view };
}

/** Planted defect `patch-replace-complex-whole`: a replace of a complex attribute keeps only what it names. */
function replaceComplexWhole(patched: ScimObject, body: ScimObject): ScimObject {
  const operations = Array.isArray(body.Operations) ? body.Operations : [];
  const out = { ...patched };
  for (const op of operations) {
    if (typeof op !== 'object' || op === null) continue;
    const { op: name, path, value } = op as { op?: unknown; path?: unknown; value?: unknown };
    if (String(name).toLowerCase() === 'replace' && typeof path === 'string' && /^[A-Za-z]+$/.test(path) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const key = Object.keys(out).find((k) => k.toLowerCase() === path.toLowerCase()) ?? path;
      out[key] = { ...(value as ScimObject) };
    }
  }
  return out;
}
