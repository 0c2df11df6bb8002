import { ScimError } from '../../errors';
import { applyPatch } from '../../patch';
import type { PatchOperation } from '../../patch/types';
import { URN } from '../../urns';
import { difference, show } from '../compare';
import { member } from '../features';
import { describe, idOf, isObject, requireStatus, scimTypeOf, type Json } from '../responses';
import { readBack, resourcePath } from './resource-support';

export { readBack, resourcePath };
import type { CheckContext, CheckVerdict, CreatedResource, ScimResponse } from '../types';
import { fail, pass, stop, warn } from '../verdicts';

export const patchBody = (operations: PatchOperation[]) => ({ schemas: [URN.patchOp], Operations: operations });

export function sendPatch(ctx: CheckContext, created: CreatedResource, operations: PatchOperation[], query = ''): Promise<ScimResponse> {
  return ctx.client.send({ method: 'PATCH', path: `${resourcePath(created)}${query}`, body: patchBody(operations) });
}

const PATCH_FIX = 'Answer a successful PATCH with 200 and the whole resource, or 204 (RFC 7644 §3.5.2).';

/** Ends the check unless the PATCH succeeded as RFC 7644 §3.5.2 allows (200 with a resource, or 204). */
export function requirePatchSuccess(response: ScimResponse, what: string): void {
  requireStatus(response, [200, 204], what, PATCH_FIX);
  if (response.status === 200 && !isObject(response.json)) {
    stop(fail(`${what} answered 200 without the resource`, { expected: '200 with the whole resource, or 204', actual: describe(response), fix: PATCH_FIX }));
  }
}

/**
 * The attribute a path or a no-path key names: its top-level name, `[urn, name]` for an extension
 * attribute, `[urn]` for a whole extension. URNs hold dots ("2.0"): they are matched, never split.
 */
function topLevel(path: string): string[] {
  const lower = path.toLowerCase();
  for (const urn of [URN.enterpriseUser, URN.user, URN.group]) {
    const u = urn.toLowerCase();
    if (lower === u) return [urn];
    if (lower.startsWith(`${u}:`)) {
      const name = path.slice(urn.length + 1).split(/[.[]/)[0]!;
      return urn === URN.user || urn === URN.group ? [name] : [urn, name];
    }
  }
  if (lower.startsWith('urn:')) return [path];
  return [path.split(/[.[]/)[0]!];
}

function valueAt(resource: unknown, keys: readonly string[]): unknown {
  let value: unknown = resource;
  for (const key of keys) value = member(value, key);
  return value;
}

/** The attributes the operations touch, as key paths into the resource. */
export function touched(operations: readonly PatchOperation[]): string[][] {
  const out: string[][] = [];
  for (const op of operations) {
    if (op.path !== undefined) out.push(topLevel(op.path));
    else if (isObject(op.value)) {
      for (const key of Object.keys(op.value)) {
        const keys = topLevel(key);
        const value = op.value[key];
        // a whole extension as a key: each of its attributes is touched
        if (keys.length === 1 && keys[0]!.toLowerCase().startsWith('urn:') && isObject(value)) for (const inner of Object.keys(value)) out.push([keys[0]!, inner]);
        else out.push(keys);
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((keys) => {
    const id = keys.join('\u0000').toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** What the app's own PATCH engine makes of the operations on `before` (the oracle). */
export function expectedAfter(ctx: CheckContext, before: Json, operations: PatchOperation[]): Json {
  try {
    return applyPatch(before, patchBody(operations), { registry: ctx.facts.registry, mode: 'strict' }).resource;
  } catch (error) {
    const detail = error instanceof ScimError ? error.message : String(error);
    throw new Error(`the check's own PATCH is invalid for this server's schemas (${detail})`, { cause: error });
  }
}

/** The first attribute (of those the operations touch) in which `actual` departs from `expected`. */
export function departure(expected: Json, actual: Json, operations: readonly PatchOperation[]): string | undefined {
  for (const keys of touched(operations)) {
    const problem = difference(valueAt(expected, keys), valueAt(actual, keys), keys.at(-1));
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Sends a PATCH whose outcome the RFC defines, and judges it: success status, the answer's resource
 * (when 200) and the resource read back afterwards against what the app's PATCH engine computes.
 */
export async function patchAndCompare(ctx: CheckContext, created: CreatedResource, operations: PatchOperation[], what: string): Promise<CheckVerdict> {
  const before = await readBack(ctx, created, 'Reading the resource before the PATCH');
  const expected = expectedAfter(ctx, before, operations);
  const response = await sendPatch(ctx, created, operations);
  requirePatchSuccess(response, `PATCH (${what})`);
  const after = await readBack(ctx, created, 'Reading the resource after the PATCH');
  const stored = departure(expected, after, operations);
  if (stored) {
    return fail(`After the PATCH (${what}) the stored resource differs: ${stored}`, {
      expected: show(touched(operations).map((keys) => valueAt(expected, keys))),
      actual: show(touched(operations).map((keys) => valueAt(after, keys))),
      fix: 'Apply the operation as RFC 7644 §3.5.2 defines it; GET after the PATCH must show the change.',
    });
  }
  if (response.status === 200 && isObject(response.json)) {
    const answered = departure(expected, response.json, operations);
    if (answered) return warn(`The PATCH was stored correctly, but its 200 answer shows a different resource: ${answered}`, { fix: 'Return the resource as it is after the PATCH (RFC 7644 §3.5.2).' });
    if (idOf(response.json) !== created.id) return warn('The 200 answer to the PATCH is not the patched resource (its id differs)', { actual: describe(response) });
  }
  return pass(`PATCH (${what}) answered ${response.status}; the resource read back holds the change`);
}

/**
 * Sends a PATCH the RFC says must fail with 400 and this scimType, then checks the resource is unchanged.
 * A 400 with another scimType is a warning (the failure is right, its explanation is not).
 */
export async function patchRejected(ctx: CheckContext, created: CreatedResource, operations: PatchOperation[] | unknown, scimTypes: string | readonly string[], what: string, fix: string): Promise<CheckVerdict> {
  const accepted = typeof scimTypes === 'string' ? [scimTypes] : scimTypes;
  const scimType = accepted.join(' or ');
  const before = await readBack(ctx, created, 'Reading the resource before the PATCH');
  const body = Array.isArray(operations) ? patchBody(operations as PatchOperation[]) : operations;
  const response = await ctx.client.send({ method: 'PATCH', path: resourcePath(created), body });
  if (response.status >= 200 && response.status < 300) {
    return fail(`${what} was accepted (${response.status})`, { expected: `400 with scimType ${scimType}`, actual: describe(response), fix });
  }
  if (response.status !== 400) return fail(`${what} answered ${response.status}, not 400`, { expected: `400 with scimType ${scimType}`, actual: describe(response), fix });
  const after = await readBack(ctx, created, 'Reading the resource after the refused PATCH');
  const changed = difference(stripMeta(before), stripMeta(after));
  if (changed) return fail(`${what} was refused, but the resource changed anyway: ${changed}`, { fix: 'A refused PATCH must leave the resource as it was (RFC 7644 §3.5.2: atomic).' });
  if (!accepted.includes(scimTypeOf(response) ?? '')) {
    return warn(`${what} was refused with 400, but scimType is ${scimTypeOf(response) ?? '(none)'}, not ${scimType}`, { expected: `scimType ${scimType}`, actual: describe(response), fix: `Use scimType "${accepted[0]}" (RFC 7644 §3.12, Table 9).` });
  }
  return pass(`${what} was refused with 400 ${scimTypeOf(response)}; the resource is unchanged`);
}

export function stripMeta(resource: Json): Json {
  const copy: Json = {};
  for (const [key, value] of Object.entries(resource)) if (key.toLowerCase() !== 'meta') copy[key] = value;
  return copy;
}
