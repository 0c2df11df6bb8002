import { validateResource, type Finding, type SchemaRegistry, type ScimResourceType } from '@shared/scim';
import { badRequest } from './errors';
import type { ScimObject } from './store';

const SYNTAX_CODES = new Set(['notObject', 'duplicateAttribute']);

/**
 * Checks a client's resource body with the SCIM core's validator (types, multi-valued shape, `primary`,
 * required attributes…); errors become one 400 that names each problem and where it is.
 * Warnings (readOnly values sent, which are ignored) do not stop the request.
 */
export function checkResourceBody(body: ScimObject, rt: ScimResourceType, registry: SchemaRegistry, operation: 'create' | 'replace'): void {
  const findings = validateResource(body, { registry, resourceType: rt, direction: 'request', operation });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  throw badRequest(describe(errors), errors.some((e) => SYNTAX_CODES.has(e.code)) ? 'invalidSyntax' : 'invalidValue');
}

function describe(errors: Finding[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.path || '(body)'}: ${e.message} (${e.rfc})`);
  const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
  return `The ${errors.length === 1 ? 'body has a problem' : `body has ${errors.length} problems`}: ${shown.join('; ')}${more}.`;
}
