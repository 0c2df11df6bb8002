import { URN } from '../../scim/urns';
import type { JsonValue } from '../../scim/json';
import type { ScimAttribute, ScimResourceType } from '../../scim/schema/types';
import { SchemaRegistry } from '../../scim/schema/registry';
import { asText, evaluateInto, parseExpression, type Expression, type ExpressionValue, type SourceView } from '../expression';
import type { MappingObject, MappingRow } from './model';
import { readTarget, resolveTarget, writeTarget, type TargetPath } from './paths';

/** A mapping row ready to run: its parsed expression and resolved target (rows that do not parse are left out). */
export interface CompiledRow {
  row: MappingRow;
  expression: Expression;
  target: TargetPath;
  /** the enterprise manager: a reference to another provisioned user, sent after both exist */
  reference: boolean;
  /** group `members`: memberships, sent as their own PATCH requests */
  members: boolean;
}

export function isManagerTarget(target: TargetPath): boolean {
  return target.name.toLowerCase() === 'manager' && target.extension?.toLowerCase() === URN.enterpriseUser.toLowerCase() && target.subAttr === undefined;
}

/** Compiles the rows of one object type; a row whose source or target does not parse is skipped (`mappingProblems` reports it). */
export function compileRows(rows: readonly MappingRow[], object: MappingObject, registry: SchemaRegistry = SchemaRegistry.core()): CompiledRow[] {
  const rt = resourceTypeFor(object, registry);
  const out: CompiledRow[] = [];
  for (const row of rows) {
    try {
      const target = resolveTarget(row.target, rt, registry);
      const members = object === 'group' && target.name.toLowerCase() === 'members' && !target.extension;
      out.push({ row, expression: members ? { kind: 'string', value: '', start: 0, end: 0 } : parseExpression(row.source), target, reference: object === 'user' && isManagerTarget(target), members });
    } catch {
      // reported by mappingProblems
    }
  }
  return out;
}

export function resourceTypeFor(object: MappingObject, registry: SchemaRegistry = SchemaRegistry.core()): ScimResourceType {
  return registry.resourceType(object === 'user' ? 'User' : 'Group')!;
}

/** The value a target attribute gets: Entra and Okta convert to the target's type (booleans, integers). */
export function typedValue(value: ExpressionValue, def: ScimAttribute | undefined): JsonValue | null {
  if (value === null || value === '') return null;
  switch (def?.type) {
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const lower = value.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : value;
    }
    case 'integer': {
      const n = typeof value === 'string' ? Number(value) : NaN;
      return Number.isInteger(n) ? n : asText(value);
    }
    case 'decimal': {
      const n = typeof value === 'string' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : asText(value);
    }
    default:
      return asText(value);
  }
}

/** One target attribute's value as the mapping computes it for one source object. */
export interface TargetValue {
  row: CompiledRow;
  value: JsonValue;
}

export interface Computed {
  values: TargetValue[];
  /** the manager row's value: the source id of the manager (null when the source has none) */
  manager?: { row: CompiledRow; sourceId: string | null };
  /** whether group memberships are mapped */
  members: boolean;
  /** source attributes an expression read that the source object lacks */
  missing: string[];
  notes: string[];
}

/**
 * Evaluates the rows for one source object. `creating` includes the "only during object creation"
 * rows. Empty results are left out: neither IdP flows an empty source value to an outbound app (Entra:
 * "Clear attribute values" is inbound-only).
 */
export function computeTargets(rows: readonly CompiledRow[], view: SourceView, creating: boolean): Computed {
  const out: Computed = { values: [], members: false, missing: [], notes: [] };
  for (const row of rows) {
    if (row.members) {
      out.members = true;
      continue;
    }
    if (row.row.apply === 'create' && !creating) continue;
    const result = evaluateInto(row.expression, view, out);
    if (row.reference) {
      out.manager = { row, sourceId: asText(result) || null };
      continue;
    }
    const value = typedValue(result, row.target.valueDef);
    if (value !== null) out.values.push({ row, value });
  }
  return out;
}

/** A resource body from computed values (the IdP adds its own envelope: schemas, meta…). */
export function buildResource(values: readonly TargetValue[]): Record<string, JsonValue> {
  const resource: Record<string, JsonValue> = {};
  for (const { row, value } of values) writeTarget(resource, row.target, value);
  return resource;
}

/** A target attribute whose computed value differs from what the server holds. */
export interface Change {
  row: CompiledRow;
  value: JsonValue;
  /** what the server holds now (undefined: nothing) */
  current: JsonValue | undefined;
}

function same(a: JsonValue | undefined, b: JsonValue): boolean {
  if (a === undefined || a === null) return false;
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).toLowerCase() === String(b).toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes an update sends: computed values that differ from the server's resource (as the IdP compares them). */
export function diffTargets(values: readonly TargetValue[], current: unknown): Change[] {
  const out: Change[] = [];
  for (const v of values) {
    const held = readTarget(current, v.row.target);
    if (!same(held, v.value)) out.push({ row: v.row, value: v.value, current: held });
  }
  return out;
}
