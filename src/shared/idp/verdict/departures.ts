import { applyPatch, type PatchDeviationCode } from '../../scim/patch';
import { findInExtensions } from '../../scim/filter/extension-lookup';
import { isObject, type JsonObject } from '../../scim/json';
import { SchemaRegistry } from '../../scim/schema/registry';
import { validateResource } from '../../scim/validate';
import { URN } from '../../scim/urns';
import type { IdpKind, IdpRequest } from '../types';

/** Where a request departs from RFC 7644, and what a server should do about it. */
export interface Departure {
  code: string;
  /** what the request does that the RFC does not allow, and where */
  what: string;
  /** what the server should change to accept it */
  fix: string;
}

const FLAG_HINT = ' Your customers can also append ?aadOptscim062020 to the Tenant URL, which makes Entra send the RFC 7644 form.';

/** The fix for each kind of departure lenient PATCH accepts, worded for a server developer. */
const PATCH_FIXES: Record<PatchDeviationCode, (idp: IdpKind) => string> = {
  'op-case': (idp) =>
    `Compare "op" ignoring case: ${idp === 'entra' ? 'the Entra tutorial says "Don\'t require a case-sensitive match on … PATCH op operation values … Microsoft Entra ID emits the values of op as Add, Replace, and Remove".' + FLAG_HINT : 'read "Add"/"Replace"/"Remove" as add/replace/remove.'}`,
  'string-boolean': (idp) => `Accept the strings "True" and "False" for boolean attributes.${idp === 'entra' ? FLAG_HINT : ''}`,
  'remove-with-value': (idp) => `Read {"op":"Remove","path":"members","value":[{"value":id}]} as removing the listed members.${idp === 'entra' ? FLAG_HINT : ''}`,
  'dotted-key': () => 'Read the keys of a no-path replace value as attribute paths ("name.givenName" sets name.givenName): Entra sends them this way with the aadOptscim062020 flag.',
  'qualified-key': () => 'Read a URN-qualified key of a no-path value ("urn:…:enterprise:2.0:User:employeeNumber") as that extension attribute.',
  'complex-as-string': () => 'Accept a plain id string for the manager: read it as {"value": id}.',
  'single-value-array': () => 'Read an array of one value for a single-valued attribute as that value: Entra sends the manager as [{"$ref":…,"value":…}] (tutorial Example 5).',
  'filter-created-value': () => 'When a value-filter path such as emails[type eq "work"].value selects nothing, create that value instead of answering 400 noTarget: Entra expects it.',
  'no-target': () => 'Treat removing a member that is not there as done (200/204), not 400 noTarget.',
  'unknown-attribute': () =>
    'Resolve an unqualified attribute the core schema lacks in the resource type\'s extensions (RFC 7644 §3.10 only says SHOULD qualify): Entra sends path "manager" for the enterprise manager.',
  'missing-schemas': () => 'Do not require "schemas" in the PatchOp body.',
  'filter-syntax': () => 'Accept the filter as written (see the finding).',
};

/**
 * Paths that are RFC 7644 but trip servers: an unqualified extension attribute (§3.10 says clients SHOULD
 * qualify it, so a server must still resolve it) such as Entra's `"path": "manager"`.
 */
function unqualifiedExtensions(body: unknown, resourceType: 'User' | 'Group'): Departure[] {
  const registry = SchemaRegistry.core();
  const rt = registry.resourceType(resourceType);
  const operations = isObject(body) && Array.isArray(body.Operations) ? body.Operations : [];
  const out: Departure[] = [];
  operations.forEach((op, index) => {
    if (!isObject(op) || typeof op.path !== 'string') return;
    const name = /^([A-Za-z_$][\w$-]*)/.exec(op.path)?.[1];
    if (!name || op.path.includes(':') || registry.attribute({ name }, rt)) return;
    const ext = findInExtensions(registry, name, rt);
    if (!ext || 'ambiguous' in ext) return;
    out.push({
      code: 'unqualified-extension',
      what: `Operations[${index}]: "path": "${op.path}" names the ${ext.uri} attribute without its URN (RFC 7644 §3.10 lets a client leave it out: it only SHOULD qualify it)`,
      fix: PATCH_FIXES['unknown-attribute'](resourceType === 'User' ? 'entra' : 'okta'),
    });
  });
  return out;
}

function patchDepartures(body: unknown, current: JsonObject | undefined, resourceType: 'User' | 'Group', idp: IdpKind): Departure[] {
  const base: JsonObject = current ?? { schemas: [resourceType === 'User' ? URN.user : URN.group], id: 'x' };
  const hints = unqualifiedExtensions(body, resourceType);
  try {
    const { deviations } = applyPatch(base, body, { mode: 'lenient', resourceType });
    const seen = new Set<string>();
    return [...hints, ...deviations
      .filter((d) => {
        const key = `${d.code}:${d.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((d) => ({ code: d.code, what: d.operation >= 0 ? `Operations[${d.operation}]: ${d.message}` : d.message, fix: PATCH_FIXES[d.code](idp) }))];
  } catch (error) {
    return [...hints, { code: 'invalid', what: `even a lenient reading rejects it: ${error instanceof Error ? error.message : String(error)}`, fix: 'See the server\'s detail: the request may depend on the resource\'s state.' }];
  }
}

function bodyDepartures(body: unknown, resourceType: 'User' | 'Group', operation: 'create' | 'replace'): Departure[] {
  if (!isObject(body)) return [];
  const findings = validateResource(body, { resourceType, direction: 'request', operation });
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({
      code: f.code,
      what: `${f.path || '(body)'}: ${f.message} (${f.rfc})`,
      fix:
        f.code === 'readOnly'
          ? `Ignore read-only attributes a client sends (RFC 7644 §3.3: "ignored by the service provider") instead of rejecting the request.`
          : f.code === 'unknownSchema' || f.code === 'unknownAttribute'
            ? 'Ignore (or accept) what you do not know rather than rejecting the whole request.'
            : 'Accept this shape: the IdP sends it.',
    }));
}

/**
 * Why a server may have rejected a request the IdP sent: every place where the request departs from
 * RFC 7644 (found by the app's own lenient PATCH and body validation), each with the fix. Empty when the
 * request is RFC-conformant (then the server's own detail is the only explanation).
 */
export function explainRequest(request: IdpRequest, idp: IdpKind, current?: JsonObject): Departure[] {
  const resourceType = /^\/Groups/i.test(request.path) ? 'Group' : 'User';
  if (request.method === 'PATCH') return patchDepartures(request.body, current, resourceType, idp);
  if (request.method === 'POST') return bodyDepartures(request.body, resourceType, 'create');
  if (request.method === 'PUT') return bodyDepartures(request.body, resourceType, 'replace');
  return [];
}
