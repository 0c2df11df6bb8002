import { ScimFilterError } from '../../scim/errors';
import { SchemaRegistry } from '../../scim/schema/registry';
import { ExpressionError, attributesOf, parseExpression } from '../expression';
import { userAttributeNames } from '../source/views';
import type { IdpKind } from '../types';
import { isManagerTarget, resourceTypeFor } from './compute';
import type { MappingObject, MappingProblem, MappingRow, MappingSet } from './model';
import { resolveTarget } from './paths';

const GROUP_SOURCES: Record<IdpKind, string[]> = { entra: ['objectId', 'displayName', 'mailNickname', 'description'], okta: ['id', 'name', 'displayName', 'description'] };

function rowProblems(row: MappingRow, object: MappingObject, idp: IdpKind, registry: SchemaRegistry): MappingProblem[] {
  const out: MappingProblem[] = [];
  const at = { object, rowId: row.id };
  let membersRow: boolean;
  try {
    const target = resolveTarget(row.target, resourceTypeFor(object, registry), registry);
    membersRow = object === 'group' && target.name.toLowerCase() === 'members' && !target.extension;
    if (!target.def) {
      out.push({ ...at, field: 'target', severity: 'warning', message: `"${row.target}" is not in the RFC 7643 ${object === 'user' ? 'User' : 'Group'} schemas or their extensions: your server's /Schemas must define it` });
    } else if (target.def.mutability === 'readOnly') {
      out.push({ ...at, field: 'target', severity: 'error', message: `"${target.def.name}" is readOnly (RFC 7643): the server sets it, an IdP cannot` });
    } else if (target.subAttr !== undefined && target.def.type !== 'complex') {
      out.push({ ...at, field: 'target', severity: 'error', message: `"${target.def.name}" is a ${target.def.type}: it has no sub-attribute "${target.subAttr}"` });
    } else if (target.def.multiValued && target.def.type === 'complex' && !target.select && !membersRow) {
      out.push({ ...at, field: 'target', severity: 'warning', message: `"${target.def.name}" holds several values: select one, as in ${target.def.name}[type eq "work"].value` });
    }
    if (isManagerTarget(target) && row.matching !== null) out.push({ ...at, field: 'matching', severity: 'error', message: 'a reference (manager) cannot be a matching attribute' });
  } catch (error) {
    const position = error instanceof ScimFilterError ? { position: error.position, length: error.length } : {};
    out.push({ ...at, field: 'target', severity: 'error', message: error instanceof Error ? error.message : String(error), ...position });
    return out;
  }
  if (membersRow) return out;
  try {
    const expression = parseExpression(row.source);
    const known = object === 'user' ? userAttributeNames(idp) : GROUP_SOURCES[idp];
    const lower = new Set(known.map((k) => k.toLowerCase()));
    for (const name of attributesOf(expression)) {
      if (!lower.has(name.toLowerCase())) out.push({ ...at, field: 'source', severity: 'warning', message: `the test directory has no ${object} attribute "${name}" (it has ${known.join(', ')})` });
    }
  } catch (error) {
    if (error instanceof ExpressionError) out.push({ ...at, field: 'source', severity: 'error', message: error.message, position: error.position, length: error.length });
    else throw error;
  }
  return out;
}

function tableProblems(rows: readonly MappingRow[], object: MappingObject): MappingProblem[] {
  const out: MappingProblem[] = [];
  const targets = new Map<string, string>();
  const precedences = new Map<number, string>();
  for (const row of rows) {
    const key = row.target.replace(/\s+/g, ' ').toLowerCase();
    if (targets.has(key)) out.push({ object, rowId: row.id, field: 'target', severity: 'error', message: `"${row.target}" is mapped twice` });
    targets.set(key, row.id);
    if (row.matching !== null) {
      if (precedences.has(row.matching)) out.push({ object, rowId: row.id, field: 'matching', severity: 'error', message: `matching precedence ${row.matching} is given to two attributes` });
      precedences.set(row.matching, row.id);
    }
  }
  if (object === 'user' && rows.length > 0 && precedences.size === 0) {
    out.push({ object, field: 'table', severity: 'error', message: 'no matching attribute: the IdP needs one to find existing users (set a matching precedence, e.g. on userName)' });
  }
  return out;
}

/** Everything wrong with a mapping file, row by row, with positions in the expression or path text. */
export function mappingProblems(set: MappingSet, idp: IdpKind, registry: SchemaRegistry = SchemaRegistry.core()): MappingProblem[] {
  const out: MappingProblem[] = [];
  for (const object of ['user', 'group'] as const) {
    const rows = set[object];
    out.push(...tableProblems(rows, object));
    for (const row of rows) out.push(...rowProblems(row, object, idp, registry));
  }
  return out;
}
