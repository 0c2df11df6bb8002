import { SchemaRegistry, validateError, validateListResponse, validateResource, type ScimResourceType, type ScimSchema } from '@shared/scim';
import type { BodyKind } from '../body/body-document';
import { protocolChecks, type CheckFinding, type ExchangeFacts, type Severity } from './protocol-checks';

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

/**
 * Every check of a response: the SCIM core's validators on the body (ListResponse, Error or resource,
 * against the given schemas) and the HTTP-level rules of RFC 7644 around it.
 */
export function runChecks(kind: BodyKind, value: unknown, input: CheckInput): CheckReport {
  const registry = new SchemaRegistry(input.registry.schemas, input.registry.resourceTypes);
  const findings: CheckFinding[] = [...protocolChecks(input.facts, kind, value)];
  const resourceType = input.resourceType ? registry.resourceType(input.resourceType) : undefined;
  let scopeType = resourceType?.name;
  let scopeLabel: string | undefined;

  if (kind === 'list') {
    findings.push(...validateListResponse(value, { registry, ...(resourceType ? { resourceType } : {}), request: input.paging }));
  } else if (kind === 'error' || (input.facts.status >= 400 && kind === 'json')) {
    findings.push(...validateError(value, { httpStatus: input.facts.status }));
    if (kind === 'json') scopeLabel = `${input.facts.status} answer, against the SCIM Error schema`;
  } else if (kind === 'resource') {
    const own = registry.resourceTypeOf(value) ?? resourceType;
    if (own) {
      scopeType = own.name;
      findings.push(...validateResource(value, { registry, resourceType: own, direction: 'response' }));
    } else {
      findings.push({
        severity: 'info',
        path: '/schemas',
        code: 'notAResourceOfAType',
        message: 'Not checked against a schema: no resource type of this server has the schemas this body names',
        rfc: 'RFC 7643 §6',
      });
    }
  }

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
