import { isObject } from '../json';
import { URN } from '../urns';
import { attr } from './define';
import {
  ATTRIBUTE_TYPES,
  MUTABILITIES,
  RETURNED_VALUES,
  UNIQUENESS_VALUES,
  type ScimAttribute,
  type ScimResourceType,
  type ScimSchema,
} from './types';

/** The entries of a `/Schemas` or `/ResourceTypes` answer: a ListResponse, an array, or one object. */
export function listEntries(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (isObject(input)) {
    for (const key of Object.keys(input)) if (key.toLowerCase() === 'resources' && Array.isArray(input[key])) return input[key] as unknown[];
    return [input];
  }
  return [];
}

function pick<T extends string>(allowed: readonly T[], value: unknown, fallback: T, where: string, problems: string[]): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string') {
    const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (found) {
      if (found !== value) problems.push(`${where}: "${value}" should be spelled "${found}"`);
      return found;
    }
  }
  problems.push(`${where}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}; using "${fallback}"`);
  return fallback;
}

function bool(value: unknown, fallback: boolean, where: string, problems: string[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') {
    problems.push(`${where}: boolean given as the string "${value}"`);
    return value === 'true';
  }
  problems.push(`${where}: ${JSON.stringify(value)} is not a boolean; using ${fallback}`);
  return fallback;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** An attribute definition as a server sent it, with RFC 7643 §2.2 defaults filled in; undefined if unusable. */
export function normalizeAttribute(input: unknown, where: string, problems: string[], depth = 0): ScimAttribute | undefined {
  if (!isObject(input) || typeof input.name !== 'string' || input.name === '') {
    problems.push(`${where}: attribute definition without a "name"; skipped`);
    return undefined;
  }
  const here = `${where}.${input.name}`;
  const type = pick(ATTRIBUTE_TYPES, input.type, 'string', `${here}.type`, problems);
  let subAttributes: ScimAttribute[] | undefined;
  if (type === 'complex') {
    const raw = Array.isArray(input.subAttributes) ? input.subAttributes : [];
    // RFC 7643 §8.7.2: the Schema schema itself nests `subAttributes` inside `attributes`, the one allowed exception
    const metaSchema = here.startsWith(`${URN.schema}.`);
    if (depth > 0 && raw.length && !metaSchema) problems.push(`${here}: a sub-attribute cannot itself be complex (RFC 7643 §2.3.8)`);
    subAttributes = raw.map((s) => normalizeAttribute(s, here, problems, depth + 1)).filter((s): s is ScimAttribute => s !== undefined);
  }
  const canonicalValues = strings(input.canonicalValues);
  const referenceTypes = strings(input.referenceTypes);
  return attr(input.name, type, typeof input.description === 'string' ? input.description : '', {
    multiValued: bool(input.multiValued, false, `${here}.multiValued`, problems),
    required: bool(input.required, false, `${here}.required`, problems),
    caseExact: bool(input.caseExact, false, `${here}.caseExact`, problems),
    mutability: pick(MUTABILITIES, input.mutability, 'readWrite', `${here}.mutability`, problems),
    returned: pick(RETURNED_VALUES, input.returned, 'default', `${here}.returned`, problems),
    uniqueness: pick(UNIQUENESS_VALUES, input.uniqueness, 'none', `${here}.uniqueness`, problems),
    ...(canonicalValues && canonicalValues.length ? { canonicalValues } : {}),
    ...(referenceTypes && referenceTypes.length ? { referenceTypes } : {}),
    ...(subAttributes ? { subAttributes } : {}),
  });
}

export function normalizeSchema(input: unknown, index: number, problems: string[]): ScimSchema | undefined {
  if (!isObject(input) || typeof input.id !== 'string' || input.id === '') {
    problems.push(`Schemas[${index}]: no "id"; skipped`);
    return undefined;
  }
  const attributes = Array.isArray(input.attributes) ? input.attributes : [];
  if (!Array.isArray(input.attributes)) problems.push(`${input.id}: no "attributes" array`);
  return {
    id: input.id,
    name: typeof input.name === 'string' ? input.name : input.id,
    description: typeof input.description === 'string' ? input.description : '',
    attributes: attributes.map((a) => normalizeAttribute(a, input.id as string, problems)).filter((a): a is ScimAttribute => a !== undefined),
  };
}

export function normalizeResourceType(input: unknown, index: number, problems: string[]): ScimResourceType | undefined {
  if (!isObject(input) || typeof input.schema !== 'string') {
    problems.push(`ResourceTypes[${index}]: no "schema"; skipped`);
    return undefined;
  }
  const name = typeof input.name === 'string' ? input.name : typeof input.id === 'string' ? input.id : input.schema.split(':').pop()!;
  const extensions = Array.isArray(input.schemaExtensions) ? input.schemaExtensions : [];
  return {
    id: typeof input.id === 'string' ? input.id : name,
    name,
    endpoint: typeof input.endpoint === 'string' ? input.endpoint : `/${name}s`,
    ...(typeof input.description === 'string' ? { description: input.description } : {}),
    schema: input.schema,
    schemaExtensions: extensions.flatMap((e: unknown) =>
      isObject(e) && typeof e.schema === 'string' ? [{ schema: e.schema, required: e.required === true || e.required === 'true' }] : [],
    ),
  };
}
