import { parseDateTime } from '../datetime';
import { cloneJson, describeValue, isObject, type JsonObject } from '../json';
import type { ScimAttribute } from '../schema/types';
import type { PatchContext } from './context';

const ENTRA_FLAG = ' (Entra ID sends this unless its aadOptscim062020 flag is set; use lenient mode to accept it)';

/**
 * Checks one value (not the array of a multi-valued attribute) against its definition and returns what to
 * store: a copy, with lenient-mode repairs. `null` stays `null` (RFC 7643 §2.5: unassigned).
 */
export function coerceSingle(ctx: PatchContext, def: ScimAttribute | undefined, value: unknown, where: string): unknown {
  if (value === null) return null;
  if (!def) return cloneJson(value);
  const got = () => describeValue(value);
  switch (def.type) {
    case 'complex':
      return coerceComplex(ctx, def, value, where);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && (value.toLowerCase() === 'true' || value.toLowerCase() === 'false')) {
        ctx.departure('string-boolean', 'invalidValue', `"${where}" is a boolean, but the value is the string "${value}" (RFC 7643 §2.3.2: true or false)`, ENTRA_FLAG);
        return value.toLowerCase() === 'true';
      }
      return ctx.fail('invalidValue', `"${where}" is a boolean: expected true or false, got ${got()}`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      return ctx.fail('invalidValue', `"${where}" is an integer (RFC 7643 §2.3.4), got ${got()}`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      return ctx.fail('invalidValue', `"${where}" is a decimal number (RFC 7643 §2.3.3), got ${got()}`);
    case 'dateTime':
      if (typeof value === 'string' && parseDateTime(value) !== undefined) return value;
      return ctx.fail('invalidValue', `"${where}" is a dateTime such as "2011-05-13T04:42:34Z" (RFC 7643 §2.3.5), got ${got()}`);
    default:
      if (typeof value === 'string') return value;
      return ctx.fail('invalidValue', `"${where}" is a ${def.type} (a JSON string, RFC 7643 §2.3), got ${got()}`);
  }
}

function coerceComplex(ctx: PatchContext, def: ScimAttribute, value: unknown, where: string): unknown {
  if (typeof value === 'string' && ctx.registry.subAttribute(def, 'value')) {
    ctx.departure(
      'complex-as-string',
      'invalidValue',
      `"${where}" is complex, but the value is the string ${describeValue(value)}; read as {"value": ${describeValue(value)}} (RFC 7643 §2.3.8)`,
      ' (Entra ID sends the manager id this way; use lenient mode to accept it)',
    );
    return { value };
  }
  if (!isObject(value)) return ctx.fail('invalidValue', `"${where}" is complex: expected an object of sub-attributes, got ${describeValue(value)}`);
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const sub = ctx.registry.subAttribute(def, key);
    if (!sub) {
      ctx.departure('unknown-attribute', 'invalidValue', `"${where}.${key}" is not a sub-attribute of "${def.name}"`);
    }
    if (value[key] === null) continue;
    out[sub?.name ?? key] = (sub?.multiValued ? coerceValues(ctx, sub, value[key], `${where}.${key}`) : coerceSingle(ctx, sub, value[key], `${where}.${key}`)) as JsonObject[string];
  }
  return out;
}

/** The values for a multi-valued attribute: an array (a single value is wrapped), each checked, nulls dropped. */
export function coerceValues(ctx: PatchContext, def: ScimAttribute | undefined, value: unknown, where: string): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = coerceSingle(ctx, def, list[i], `${where}[${i}]`);
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

/** A value for an attribute that may be single- or multi-valued. */
export function coerceFor(ctx: PatchContext, def: ScimAttribute | undefined, value: unknown, where: string): unknown {
  if (def?.multiValued) return coerceValues(ctx, def, value, where);
  if (def && Array.isArray(value)) return coerceSingle(ctx, def, onlyElement(ctx, def, value, where), where);
  return coerceSingle(ctx, def, value, where);
}

/** Lenient: Entra ID sends a single-valued reference as an array of one (`"manager": [{"$ref":…,"value":…}]`). */
export function onlyElement(ctx: PatchContext, def: ScimAttribute, value: unknown[], where: string): unknown {
  if (value.length !== 1) return ctx.fail('invalidValue', `"${where}" is single-valued: expected one value, got an array of ${value.length}`);
  ctx.departure(
    'single-value-array',
    'invalidValue',
    `"${where}" is single-valued (RFC 7643 §2.4), but the value is an array of one; read as its only element`,
    def.type === 'complex' ? ' (Entra ID sends the manager this way; use lenient mode to accept it)' : '',
  );
  return value[0];
}
