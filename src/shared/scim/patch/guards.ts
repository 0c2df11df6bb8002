import { describeValue, findKey, getIgnoreCase, hasValue, isObject, jsonEqual, type JsonObject, type JsonValue } from '../json';
import type { ScimAttribute } from '../schema/types';
import type { PatchContext } from './context';

/** RFC 7644 §3.5.2 / RFC 7643 §2.2: readOnly never changes; immutable may be set only while it has no value. */
export function guardWrite(ctx: PatchContext, def: ScimAttribute | undefined, before: unknown, after: unknown, where: string): void {
  if (!def || def.mutability === 'readWrite' || def.mutability === 'writeOnly' || jsonEqual(before, after)) return;
  if (def.mutability === 'readOnly') ctx.fail('mutability', `"${where}" is readOnly (RFC 7643 §2.2): the service provider sets it, a client cannot`);
  if (def.mutability === 'immutable' && hasValue(before)) {
    ctx.fail('mutability', `"${where}" is immutable (RFC 7643 §2.2): it may be set while it has no value, not changed (it is ${describeValue(before)})`);
  }
}

/** Removing a value: not allowed for readOnly or immutable attributes that have one, nor for required ones. */
export function guardRemove(ctx: PatchContext, def: ScimAttribute | undefined, before: unknown, where: string): void {
  if (!def || !hasValue(before)) return;
  if (def.mutability === 'readOnly') ctx.fail('mutability', `"${where}" is readOnly (RFC 7643 §2.2): a client cannot remove it`);
  if (def.mutability === 'immutable') ctx.fail('mutability', `"${where}" is immutable (RFC 7643 §2.2): once set it cannot be removed`);
  if (def.required) ctx.fail('invalidValue', `"${where}" is required (RFC 7643 §2.2): it cannot be removed`);
}

/**
 * RFC 7644 §3.5.2: setting "primary": true on a value makes the other values of the same attribute
 * non-primary. `touched` are the values this operation added or changed; at most one may be primary.
 */
export function enforcePrimary(ctx: PatchContext, def: ScimAttribute | undefined, values: JsonValue[], touched: readonly unknown[], where: string): void {
  if (def && !ctx.registry.subAttribute(def, 'primary')) return;
  let chosen: unknown;
  let count = 0;
  for (const v of touched) {
    if (isObject(v) && getIgnoreCase(v, 'primary') === true) {
      chosen = v;
      count++;
    }
  }
  if (count === 0) return;
  if (count > 1) ctx.fail('invalidValue', `${count} values of "${where}" have "primary": true; at most one may (RFC 7643 §2.4)`);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === chosen || !isObject(value)) continue;
    const key = findKey(value, 'primary');
    if (key !== undefined && value[key] === true) ctx.writable<JsonObject>(values, i)[key] = false;
  }
}
