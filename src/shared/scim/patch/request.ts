import { describeValue, getIgnoreCase, isObject } from '../json';
import { URN } from '../urns';
import type { PatchContext } from './context';
import type { PatchOpName } from './types';

export interface NormalizedOperation {
  index: number;
  op: PatchOpName;
  path: string | undefined;
  /** undefined when the operation has no "value" member */
  value: unknown;
}

const OPS: readonly PatchOpName[] = ['add', 'remove', 'replace'];

/** Checks the PatchOp envelope (RFC 7644 §3.5.2) and returns its operations with `op` normalised. */
export function readOperations(request: unknown, ctx: PatchContext): NormalizedOperation[] {
  if (!isObject(request)) ctx.fail('invalidSyntax', `the body must be a JSON object with "schemas" and "Operations", got ${describeValue(request)}`);
  const schemas = getIgnoreCase(request, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.patchOp.toLowerCase())) {
    ctx.departure('missing-schemas', 'invalidSyntax', `"schemas" must contain "${URN.patchOp}" (RFC 7644 §3.5.2)`);
  }
  const operations = getIgnoreCase(request, 'Operations');
  if (!Array.isArray(operations)) ctx.fail('invalidSyntax', `"Operations" must be an array of operations (RFC 7644 §3.5.2), got ${describeValue(operations)}`);
  if (operations.length === 0) ctx.fail('invalidSyntax', '"Operations" is empty: a PATCH request needs at least one operation (RFC 7644 §3.5.2)');
  return operations.map((raw, index) => {
    ctx.index = index;
    return readOperation(raw, index, ctx);
  });
}

function readOperation(raw: unknown, index: number, ctx: PatchContext): NormalizedOperation {
  if (!isObject(raw)) ctx.fail('invalidSyntax', `each operation must be an object with "op", got ${describeValue(raw)}`);
  const opRaw = getIgnoreCase(raw, 'op');
  if (typeof opRaw !== 'string') ctx.fail('invalidSyntax', `"op" must be one of "add", "remove" or "replace", got ${describeValue(opRaw)}`);
  const lower = opRaw.toLowerCase() as PatchOpName;
  if (!OPS.includes(lower)) ctx.fail('invalidSyntax', `"op" must be one of "add", "remove" or "replace", got "${opRaw}"`);
  if (opRaw !== lower) {
    ctx.departure(
      'op-case',
      'invalidSyntax',
      `"op": "${opRaw}" is not lower-case; RFC 7644 §3.5.2 defines "${lower}"`,
      ' (Entra ID sends capitalised ops unless its aadOptscim062020 flag is set; use lenient mode to accept them)',
    );
  }
  const pathRaw = getIgnoreCase(raw, 'path');
  if (pathRaw !== undefined && typeof pathRaw !== 'string') ctx.fail('invalidPath', `"path" must be a string, got ${describeValue(pathRaw)}`);
  const path = pathRaw === '' ? undefined : pathRaw;
  const value = getIgnoreCase(raw, 'value');
  if (lower !== 'remove' && value === undefined) ctx.fail('invalidSyntax', `"${lower}" needs a "value" (RFC 7644 §3.5.2.${lower === 'add' ? 1 : 3})`);
  if (lower === 'remove' && path === undefined) ctx.fail('noTarget', '"remove" needs a "path" (RFC 7644 §3.5.2.2)');
  return { index, op: lower, path, value };
}
