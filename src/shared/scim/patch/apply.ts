import { ScimError } from '../errors';
import { describeValue, isObject, type JsonObject } from '../json';
import { SchemaRegistry } from '../schema/registry';
import { PatchContext } from './context';
import { addOrReplace, remove } from './mutate';
import { readOperations, type NormalizedOperation } from './request';
import { addSchemaUrn, dropEmptyExtension, targetFromKey, targetFromPath } from './target';
import type { ApplyPatchOptions, PatchResult } from './types';

/** The attributes of a no-path value (or of a schema-URN path's value), one key at a time. */
function applyAttributes(ctx: PatchContext, op: 'add' | 'replace', value: JsonObject, schemaUri: string | undefined): void {
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (schemaUri === undefined && key.toLowerCase() === 'schemas') {
      if (Array.isArray(item)) for (const urn of item) if (typeof urn === 'string') addSchemaUrn(ctx, urn);
      continue;
    }
    const target = targetFromKey(key, item, ctx, schemaUri);
    if (target.name === undefined) {
      if (!isObject(item)) ctx.fail('invalidValue', `"${key}" is a schema URN: its value must be an object of that schema's attributes, got ${describeValue(item)}`);
      applyAttributes(ctx, op, item, target.extension);
      continue;
    }
    addOrReplace(ctx, op, target, item);
  }
}

function applyOperation(ctx: PatchContext, op: NormalizedOperation): void {
  if (op.path === undefined) {
    if (!isObject(op.value)) {
      ctx.fail('invalidSyntax', `"${op.op}" without a "path" needs an object of attributes as "value" (RFC 7644 §3.5.2.${op.op === 'add' ? 1 : 3}), got ${describeValue(op.value)}`);
    }
    applyAttributes(ctx, op.op as 'add' | 'replace', op.value, undefined);
    return;
  }
  const target = targetFromPath(op.path, op.value, ctx);
  if (target.name === undefined) {
    if (op.op === 'remove') {
      if (!target.extension) ctx.fail('invalidPath', `"${op.path}" is the resource's own schema: remove its attributes one by one`);
      if (op.value !== undefined && op.value !== null) ctx.fail('invalidSyntax', '"remove" takes no "value" (RFC 7644 §3.5.2.2)');
      const key = Object.keys(ctx.resource).find((k) => k.toLowerCase() === target.extension!.toLowerCase());
      if (key !== undefined) ctx.resource[key] = {};
      dropEmptyExtension(ctx, target.extension);
      return;
    }
    if (!isObject(op.value)) ctx.fail('invalidValue', `"${op.path}" names a schema: "value" must be an object of its attributes, got ${describeValue(op.value)}`);
    applyAttributes(ctx, op.op, op.value, target.extension);
    return;
  }
  if (op.op === 'remove') remove(ctx, target, op.value);
  else addOrReplace(ctx, op.op, target, op.value);
}

/**
 * Applies a PatchOp request (RFC 7644 §3.5.2) to a copy of `resource` and returns the copy with the
 * deviations lenient mode accepted. Attribute names are matched ignoring case; extension attributes are
 * reached by URN path prefix or URN key; mutability, types and `primary` uniqueness are enforced from
 * the registry. Errors are `ScimError`s (status 400 with `scimType` invalidSyntax, invalidPath, noTarget,
 * invalidValue or mutability) whose message names the operation. The input is never modified; the result
 * is built copy-on-write, so parts the patch did not change are shared with the input (clone the result
 * before mutating it in place if the input must stay as it was).
 */
export function applyPatch<T extends object>(resource: T, request: unknown, options: ApplyPatchOptions = {}): PatchResult<T> {
  if (!isObject(resource)) throw new ScimError('invalidValue', `the resource to patch must be a JSON object, got ${describeValue(resource)}`);
  const registry = options.registry ?? SchemaRegistry.core();
  const resourceType = typeof options.resourceType === 'string' ? registry.resourceType(options.resourceType) : (options.resourceType ?? registry.resourceTypeOf(resource));
  const ctx = new PatchContext(resource as JsonObject, registry, resourceType, options.mode === 'lenient', options.pathKeys === true);
  const operations = readOperations(request, ctx);
  for (const op of operations) {
    ctx.index = op.index;
    applyOperation(ctx, op);
  }
  return { resource: ctx.resource as T, deviations: ctx.deviations };
}
