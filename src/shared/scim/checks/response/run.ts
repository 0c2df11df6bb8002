import { SchemaRegistry } from '../../schema/registry';
import type { ScimResourceType, ScimSchema } from '../../schema/types';
import { validateError, validateListResponse, validateResource } from '../../validate';
import { checkIdOf } from './codes';
import { protocolChecks, type BodyKind, type CheckFinding, type ExchangeFacts, type Severity } from './protocol';

/** A SchemaRegistry as plain data, to hand to the body worker. */
export interface RegistryData {
  schemas: ScimSchema[];
  resourceTypes: ScimResourceType[];
}

export function registryData(registry: SchemaRegistry): RegistryData {
  return { schemas: [...registry.schemas], resourceTypes: [...registry.resourceTypes] };
}

export interface CheckInput {
  facts: ExchangeFacts;
  /** paging the request asked for, to check the page against */
  paging: { startIndex?: number; count?: number; cursor?: string };
  /** the resource type the request path names (`/Users` → User), when it names one */
  resourceType?: string;
  registry: RegistryData;
}

export interface CheckReport {
  /** the most severe first, at most `MAX_FINDINGS` */
  findings: CheckFinding[];
  total: number;
  counts: Record<Severity, number>;
  /** what was checked, in words ("ListResponse of 20 User resources against the server's schemas") */
  scope: string;
}

export const MAX_FINDINGS = 2000;
/** resources checked between two pauses, so other requests to the worker are answered meanwhile */
const SLICE = 400;
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function describeScope(kind: BodyKind, value: unknown, resourceType: string | undefined): string {
  switch (kind) {
    case 'list': {
      const resources = (value as { Resources?: unknown }).Resources;
      const n = Array.isArray(resources) ? resources.length : 0;
      return `ListResponse with ${n} resource${n === 1 ? '' : 's'}${resourceType ? ` of type ${resourceType}` : ''}`;
    }
    case 'error':
      return 'SCIM Error body';
    case 'json':
      return 'JSON body';
    case 'resource':
      return resourceType ? `${resourceType} resource` : 'resource';
    case 'empty':
      return 'response without a body';
    default:
      return 'response';
  }
}

function resourcesKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const key = Object.keys(value).find((k) => k.toLowerCase() === 'resources');
  return key !== undefined && Array.isArray((value as Record<string, unknown>)[key]) ? key : undefined;
}

/**
 * `validateListResponse` a slice of resources at a time, pausing between slices. Each call sees the whole
 * ListResponse with `Resources` as long as the real one but holding only one slice (the rest are holes,
 * which array iteration skips): the envelope's findings come from the first call with no resource at all,
 * each resource's from the call that holds it, so the result equals one call over everything.
 */
async function validateListInSlices(value: Record<string, unknown>, key: string, options: Parameters<typeof validateListResponse>[1], pause: () => Promise<void>, slice: number): Promise<CheckFinding[]> {
  const resources = value[key] as unknown[];
  const findings: CheckFinding[] = [...validateListResponse({ ...value, [key]: new Array(resources.length) }, options)];
  const underResources = new RegExp(`^/${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d+(/|$)`);
  for (let start = 0; start < resources.length; start += slice) {
    const part = new Array(resources.length);
    for (let i = start; i < Math.min(resources.length, start + slice); i++) part[i] = resources[i];
    for (const f of validateListResponse({ ...value, [key]: part }, options)) if (underResources.test(f.path)) findings.push(f);
    await pause();
  }
  return findings;
}

const noPause = () => Promise.resolve();

interface Collected {
  findings: CheckFinding[];
  scopeType?: string;
  scopeLabel?: string;
}

function listOptions(input: CheckInput, registry: SchemaRegistry, resourceType: ScimResourceType | undefined, clean?: Set<string>): NonNullable<Parameters<typeof validateListResponse>[1]> {
  // a list of discovery documents (Schemas, ResourceTypes) holds no User or Group to check
  return { registry, ...(resourceType ? { resourceType } : {}), request: input.paging, ...(input.facts.target === 'discovery' ? { checkResources: false } : {}), ...(clean ? { clean } : {}) };
}

/** Each finding with the catalogue check it belongs to. */
function withCheckIds(collected: Collected): Collected {
  for (const finding of collected.findings) {
    const id = checkIdOf(finding.code);
    if (id !== undefined) finding.checkId = id;
  }
  return collected;
}

function collect(kind: BodyKind, value: unknown, input: CheckInput, registry: SchemaRegistry, listFindings: CheckFinding[] | undefined, clean?: Set<string>): Collected {
  return withCheckIds(collectFindings(kind, value, input, registry, listFindings, clean));
}

function collectFindings(kind: BodyKind, value: unknown, input: CheckInput, registry: SchemaRegistry, listFindings: CheckFinding[] | undefined, clean?: Set<string>): Collected {
  const findings: CheckFinding[] = [...protocolChecks(input.facts, kind, value)];
  const resourceType = input.resourceType ? registry.resourceType(input.resourceType) : undefined;
  if (kind === 'list') {
    findings.push(...(listFindings ?? validateListResponse(value, listOptions(input, registry, resourceType, clean))));
    return { findings, ...(resourceType ? { scopeType: resourceType.name } : {}), ...(input.facts.target === 'discovery' ? { scopeLabel: 'ListResponse of discovery documents (its envelope; the Discovery view reads the documents)' } : {}) };
  }
  if (kind === 'error' || (input.facts.status >= 400 && kind === 'json')) {
    findings.push(...validateError(value, { httpStatus: input.facts.status }));
    return { findings, ...(kind === 'json' ? { scopeLabel: `${input.facts.status} answer, against the SCIM Error schema` } : {}) };
  }
  if (kind === 'resource') {
    const own = registry.resourceTypeOf(value) ?? resourceType;
    if (own) {
      findings.push(...validateResource(value, { registry, resourceType: own, direction: 'response', ...(clean ? { clean } : {}) }));
      return { findings, scopeType: own.name };
    }
    findings.push({
      severity: 'info',
      path: '/schemas',
      code: 'notAResourceOfAType',
      message: 'Not checked against a schema: no resource type of this server has the schemas this body names',
      rfc: 'RFC 7643 §6',
    });
  }
  return { findings, ...(resourceType ? { scopeType: resourceType.name } : {}) };
}

/**
 * Every finding of one response, at once (the conformance runner's observation checks use this).
 * `clean`: resources found without a finding in earlier answers with the same registry, not checked again.
 */
export function checkResponse(kind: BodyKind, value: unknown, input: CheckInput, registry: SchemaRegistry, clean?: Set<string>): CheckFinding[] {
  return collect(kind, value, input, registry, undefined, clean).findings;
}

/**
 * Every check of a response: the SCIM core's validators on the body (ListResponse, Error or resource,
 * against the given schemas) and the HTTP-level rules of RFC 7644 around it. A long list is checked a
 * slice at a time, with `pause` awaited between slices.
 */
export async function runChecks(kind: BodyKind, value: unknown, input: CheckInput, pause: () => Promise<void> = noPause, slice = SLICE): Promise<CheckReport> {
  const registry = new SchemaRegistry(input.registry.schemas, input.registry.resourceTypes);
  const key = kind === 'list' && input.facts.target !== 'discovery' ? resourcesKey(value) : undefined;
  const resourceType = input.resourceType ? registry.resourceType(input.resourceType) : undefined;
  const sliced = key ? await validateListInSlices(value as Record<string, unknown>, key, listOptions(input, registry, resourceType), pause, slice) : undefined;
  const { findings, scopeType, scopeLabel } = collect(kind, value, input, registry, sliced);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i);
  return {
    findings: sorted.slice(0, MAX_FINDINGS).map((x) => x.f),
    total: findings.length,
    counts,
    scope: scopeLabel ?? describeScope(kind, value, scopeType),
  };
}
