import type { ScimAttribute, ScimResourceType, SchemaRegistry } from '@shared/scim';
import { isRecord, keyOf } from '../body/json-access';

/** One table column: where its value sits in a resource, and how to show it. */
export interface ColumnSpec {
  /** canonical path: `userName`, `name.familyName`, `emails`, `urn:…:enterprise:2.0:User:department` */
  key: string;
  /** what the header says */
  label: string;
  /** the extension URN the attribute sits under, for extension attributes */
  container?: string;
  attribute: string;
  sub?: string;
  multiValued: boolean;
  complex: boolean;
  type: string;
  description?: string;
}

export interface ColumnChoice {
  /** every column the schema allows, in schema order */
  available: ColumnSpec[];
  /** the keys shown unless the person picks others */
  defaults: string[];
}

const MAX_CELL = 200;
const PREFERRED = ['userName', 'displayName', 'name.formatted', 'emails', 'members', 'active'];
const META = ['meta.resourceType', 'meta.created', 'meta.lastModified', 'meta.version', 'meta.location'];

function columnsOf(attributes: readonly ScimAttribute[], container?: string, containerName?: string): ColumnSpec[] {
  const out: ColumnSpec[] = [];
  const prefix = container ? `${container}:` : '';
  const labelPrefix = containerName ? `${containerName}:` : '';
  for (const a of attributes) {
    if (a.returned === 'never') continue;
    if (a.type === 'complex' && !a.multiValued && a.subAttributes?.length) {
      for (const sub of a.subAttributes) {
        if (sub.returned === 'never') continue;
        out.push({
          key: `${prefix}${a.name}.${sub.name}`,
          label: `${labelPrefix}${a.name}.${sub.name}`,
          ...(container ? { container } : {}),
          attribute: a.name,
          sub: sub.name,
          multiValued: sub.multiValued,
          complex: sub.type === 'complex',
          type: sub.type,
          description: sub.description,
        });
      }
      continue;
    }
    out.push({
      key: `${prefix}${a.name}`,
      label: `${labelPrefix}${a.name}`,
      ...(container ? { container } : {}),
      attribute: a.name,
      multiValued: a.multiValued,
      complex: a.type === 'complex',
      type: a.type,
      description: a.description,
    });
  }
  return out;
}

const ID_COLUMN: ColumnSpec = { key: 'id', label: 'id', attribute: 'id', multiValued: false, complex: false, type: 'string', description: 'Unique identifier assigned by the service provider' };
const EXTERNAL_ID_COLUMN: ColumnSpec = { key: 'externalId', label: 'externalId', attribute: 'externalId', multiValued: false, complex: false, type: 'string', description: 'Identifier assigned by the provisioning client' };

function metaColumn(key: string): ColumnSpec {
  const sub = key.slice('meta.'.length);
  return { key, label: key, attribute: 'meta', sub, multiValued: false, complex: false, type: sub === 'created' || sub === 'lastModified' ? 'dateTime' : 'string' };
}

/**
 * The columns a resource type's schema offers, and a sensible first choice: `id`, the required attributes,
 * the usual identifying ones (`userName`, `displayName`, `emails`…), a few more simple ones, `meta.lastModified`.
 */
export function chooseColumns(registry: SchemaRegistry, resourceType: ScimResourceType | undefined): ColumnChoice {
  const base = resourceType ? registry.schema(resourceType.schema) : undefined;
  const baseColumns = base ? columnsOf(base.attributes) : [];
  const extensionColumns = (resourceType?.schemaExtensions ?? []).flatMap((ext) => {
    const schema = registry.schema(ext.schema);
    return schema ? columnsOf(schema.attributes, schema.id, schema.name || ext.schema.split(':').pop()) : [];
  });
  const byKey = new Map<string, ColumnSpec>();
  for (const column of [ID_COLUMN, EXTERNAL_ID_COLUMN, ...baseColumns, ...extensionColumns, ...META.map(metaColumn)]) {
    // servers that list id or meta in their schema get one column for each, not two
    if (!byKey.has(column.key.toLowerCase())) byKey.set(column.key.toLowerCase(), column);
  }
  const available = [...byKey.values()];

  const defaults: string[] = ['id'];
  const add = (key: string) => {
    const column = byKey.get(key.toLowerCase());
    if (column && !defaults.includes(column.key)) defaults.push(column.key);
  };
  for (const a of base?.attributes ?? []) if (a.required && a.type !== 'complex') add(a.name);
  for (const key of PREFERRED) add(key);
  for (const column of baseColumns) {
    if (defaults.length >= 6) break;
    if (!column.complex && !column.multiValued && column.type === 'string' && !column.sub) add(column.key);
  }
  add('meta.lastModified');
  return { available, defaults };
}

function scalarText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.length > MAX_CELL ? `${value.slice(0, MAX_CELL - 1)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > MAX_CELL ? `${json.slice(0, MAX_CELL - 1)}…` : json;
}

/** What a complex value is best known by: `formatted`, `display`, `value`, else its JSON. */
function complexText(value: unknown): string {
  if (!isRecord(value)) return scalarText(value);
  for (const key of ['formatted', 'display', 'value']) {
    const v = keyOf(value, key);
    if (v !== undefined && v !== null && v !== '') return scalarText(v);
  }
  return scalarText(value);
}

/** The text of one cell: a multi-valued complex attribute shows its primary (or first) value and how many more. */
export function cellText(resource: Record<string, unknown>, column: ColumnSpec): string {
  let holder: unknown = resource;
  if (column.container) holder = keyOf(resource, column.container);
  if (!isRecord(holder)) return '';
  const value = keyOf(holder, column.attribute);
  if (value === undefined || value === null) return '';
  if (column.sub) {
    if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? scalarText(keyOf(item, column.sub!)) : '')).filter(Boolean).join(', ');
    return isRecord(value) ? scalarText(keyOf(value, column.sub)) : '';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (!column.complex && value.every((v) => typeof v !== 'object' || v === null)) return scalarText(value.map(scalarText).join(', '));
    const primary = value.find((v) => isRecord(v) && keyOf(v, 'primary') === true) ?? value[0];
    const text = complexText(primary);
    return value.length > 1 ? `${text} (+${value.length - 1})` : text;
  }
  return column.complex ? complexText(value) : scalarText(value);
}
