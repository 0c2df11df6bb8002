import { URN } from '../urns';
import type { SchemaRegistry } from './registry';
import type { ScimAttribute, ScimResourceType } from './types';

/** A JSON Schema (draft-07) object, with the VS Code extensions Monaco's JSON service understands. */
export type JsonSchema = { [key: string]: unknown };

export type JsonSchemaOperation = 'create' | 'replace' | 'patch';

const DRAFT = 'http://json-schema.org/draft-07/schema#';

/** A regular expression matching `name` in any letter case except its canonical spelling. */
function otherCasings(name: string): string {
  let body = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    body += lower !== upper ? `[${lower}${upper}]` : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return `^(?!${name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$)${body}$`;
}

function notes(def: ScimAttribute): string {
  const parts: string[] = [];
  if (def.required) parts.push('Required.');
  if (def.mutability === 'readOnly') parts.push('Read-only: set by the service provider, ignored in requests.');
  if (def.mutability === 'immutable') parts.push('Immutable: may be set once, never changed.');
  if (def.mutability === 'writeOnly') parts.push('Write-only: never returned.');
  if (def.returned === 'never') parts.push('Never returned.');
  if (def.caseExact && (def.type === 'string' || def.type === 'reference')) parts.push('Case-exact.');
  if (def.uniqueness !== 'none') parts.push(`Unique (${def.uniqueness}).`);
  if (def.canonicalValues?.length) parts.push(`Canonical values: ${def.canonicalValues.join(', ')} (others allowed).`);
  return [def.description, ...parts].filter(Boolean).join(' ');
}

interface Context {
  registry: SchemaRegistry;
  /** a request body: readOnly attributes get a warning */
  request: boolean;
  /** list `required` (not for PATCH values) */
  withRequired: boolean;
}

function singleSchema(def: ScimAttribute, ctx: Context): JsonSchema {
  switch (def.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'number' };
    case 'dateTime':
      return { type: 'string', format: 'date-time' };
    case 'binary':
      return { type: 'string', contentEncoding: 'base64' };
    case 'reference':
      return { type: 'string', format: 'uri-reference' };
    case 'complex':
      return objectSchema(def.subAttributes ?? [], ctx, `Not a sub-attribute of "${def.name}".`);
    default:
      // canonical values are suggestions (RFC 7643 §7: other values may be allowed), not an enum
      return def.canonicalValues?.length ? { type: 'string', anyOf: [{ enum: def.canonicalValues }, { type: 'string' }] } : { type: 'string' };
  }
}

function attributeSchema(def: ScimAttribute, ctx: Context): JsonSchema {
  const single = singleSchema(def, ctx);
  const schema: JsonSchema = def.multiValued ? { type: 'array', items: single } : single;
  schema.title = def.name;
  schema.description = notes(def);
  if (def.mutability === 'readOnly') {
    schema.readOnly = true;
    if (ctx.request) schema.deprecationMessage = `"${def.name}" is read-only: the service provider sets it and ignores it in requests (RFC 7643 §2.2).`;
  }
  if (def.mutability === 'writeOnly' || def.returned === 'never') schema.writeOnly = true;
  return schema;
}

function objectSchema(attributes: readonly ScimAttribute[], ctx: Context, unknownMessage: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...extra };
  const patternProperties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const def of attributes) {
    properties[def.name] = attributeSchema(def, ctx);
    patternProperties[otherCasings(def.name)] = {
      description: `"${def.name}" spelled differently: attribute names are case-insensitive (RFC 7643 §2.1), but the schema spells it "${def.name}".`,
    };
    if (ctx.withRequired && def.required && !(ctx.request && def.mutability === 'readOnly')) required.push(def.name);
  }
  const schema: JsonSchema = {
    type: 'object',
    properties,
    patternProperties,
    additionalProperties: { deprecationMessage: unknownMessage },
  };
  if (required.length) schema.required = required;
  return schema;
}

function common(ctx: Context, operation: JsonSchemaOperation): Record<string, JsonSchema> {
  const attrs = ['id', 'externalId', 'meta'].map((name) => ctx.registry.attribute(name)?.attribute).filter((a): a is ScimAttribute => a !== undefined);
  const out: Record<string, JsonSchema> = {};
  for (const def of attrs) {
    out[def.name] = attributeSchema(def, ctx);
    if (def.name === 'id' && operation === 'replace') {
      delete out.id!.deprecationMessage;
      out.id!.description = `${notes(def)} In a PUT body it may repeat the resource's id; it must not change it.`;
    }
  }
  return out;
}

function resourceSchema(registry: SchemaRegistry, rt: ScimResourceType, operation: 'create' | 'replace'): JsonSchema {
  const ctx: Context = { registry, request: true, withRequired: true };
  const base = registry.schema(rt.schema);
  const urns = [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)];
  const extensions: Record<string, JsonSchema> = {};
  for (const ext of rt.schemaExtensions) {
    const schema = registry.schema(ext.schema);
    extensions[ext.schema] = {
      ...objectSchema(schema?.attributes ?? [], ctx, `Not an attribute of ${schema?.name ?? ext.schema}.`),
      title: schema?.name ?? ext.schema,
      description: `${schema?.description ?? 'Schema extension'} (${ext.schema}). ${ext.required ? 'Required.' : 'Optional.'} List this URN in "schemas" when present.`,
    };
  }
  const schemasProperty: JsonSchema = {
    type: 'array',
    title: 'schemas',
    description: `The schema URNs of this resource: "${rt.schema}" and any extensions present (RFC 7643 §3).`,
    items: { type: 'string', anyOf: [{ enum: urns }, { type: 'string' }] },
    minItems: 1,
    contains: { const: rt.schema },
    default: [rt.schema],
  };
  const body = objectSchema(base?.attributes ?? [], ctx, `Not an attribute of ${rt.name} (RFC 7643 §3): check the spelling, or put extension attributes under their schema URN.`, {
    schemas: schemasProperty,
    ...common(ctx, operation),
    ...extensions,
  });
  const required = (body.required as string[] | undefined) ?? [];
  body.required = ['schemas', ...required, ...rt.schemaExtensions.filter((e) => e.required).map((e) => e.schema)];
  return {
    $schema: DRAFT,
    title: `${rt.name} (${operation === 'create' ? `POST ${rt.endpoint}` : `PUT ${rt.endpoint}/{id}`})`,
    description: `${rt.description ?? rt.name}: a ${operation} request body for ${rt.endpoint}.`,
    ...body,
  };
}

/** Attribute paths for `path` suggestions: `userName`, `name.givenName`, `emails[type eq "work"].value`, URN-qualified extension paths. */
function pathExamples(registry: SchemaRegistry, rt: ScimResourceType): string[] {
  const out: string[] = [];
  const add = (prefix: string, attributes: readonly ScimAttribute[]) => {
    for (const def of attributes) {
      if (def.mutability === 'readOnly') continue;
      out.push(prefix + def.name);
      for (const sub of def.subAttributes ?? []) {
        if (sub.mutability === 'readOnly') continue;
        if (def.multiValued) {
          const type = def.subAttributes?.find((s) => s.name === 'type')?.canonicalValues?.[0];
          const value = def.subAttributes?.find((s) => s.name === 'value');
          const filter = type ? `type eq "${type}"` : value ? 'value eq "…"' : undefined;
          if (filter && sub.name !== 'type') out.push(`${prefix}${def.name}[${filter}].${sub.name}`);
          else if (!filter) out.push(`${prefix}${def.name}.${sub.name}`);
        } else out.push(`${prefix}${def.name}.${sub.name}`);
      }
      if (def.multiValued && def.subAttributes?.some((s) => s.name === 'value')) out.push(`${prefix}${def.name}[value eq "…"]`);
    }
  };
  add('', registry.schema(rt.schema)?.attributes ?? []);
  out.push('externalId');
  for (const ext of rt.schemaExtensions) {
    out.push(ext.schema);
    add(`${ext.schema}:`, registry.schema(ext.schema)?.attributes ?? []);
  }
  return out;
}

function patchSchema(registry: SchemaRegistry, rt: ScimResourceType): JsonSchema {
  const valueCtx: Context = { registry, request: true, withRequired: false };
  const base = registry.schema(rt.schema);
  const extensions: Record<string, JsonSchema> = {};
  for (const ext of rt.schemaExtensions) {
    const schema = registry.schema(ext.schema);
    extensions[ext.schema] = { ...objectSchema(schema?.attributes ?? [], valueCtx, `Not an attribute of ${schema?.name ?? ext.schema}.`), title: schema?.name ?? ext.schema };
  }
  const attributesValue = objectSchema(
    base?.attributes ?? [],
    valueCtx,
    `Not an attribute of ${rt.name}. A dotted key such as "name.givenName" is a path, not an attribute name: use {"name": {"givenName": …}} or "path" (RFC 7644 §3.5.2).`,
    { ...common(valueCtx, 'replace'), ...extensions },
  );
  const remove = { enum: ['remove', 'Remove'] };
  const operation: JsonSchema = {
    type: 'object',
    title: 'operation',
    required: ['op'],
    properties: {
      op: {
        title: 'op',
        description: 'add, remove or replace (RFC 7644 §3.5.2). Entra ID capitalises it ("Replace"); strict servers reject that.',
        anyOf: [
          { enum: ['add', 'remove', 'replace'] },
          { enum: ['Add', 'Remove', 'Replace'], description: "Entra ID's default spelling; only lenient servers accept it." },
          { type: 'string', pattern: '^(?:[aA][dD][dD]|[rR][eE][mM][oO][vV][eE]|[rR][eE][pP][lL][aA][cC][eE])$' },
        ],
      },
      path: {
        type: 'string',
        title: 'path',
        description: 'attrPath / valuePath [subAttr], e.g. name.givenName, members[value eq "…"], emails[type eq "work"].value (RFC 7644 §3.5.2). Omit it to add or replace attributes given in "value".',
        examples: pathExamples(registry, rt),
      },
      value: { title: 'value', description: 'The value to add or replace: attributes of the resource when there is no "path". "remove" takes no value.' },
    },
    additionalProperties: { deprecationMessage: 'Not part of a PATCH operation (op, path, value).' },
    allOf: [
      { if: { properties: { op: remove }, required: ['op'] }, then: { required: ['path'] }, else: { required: ['value'] } },
      { if: { not: { required: ['path'] } }, then: { properties: { value: attributesValue } } },
    ],
  };
  return {
    $schema: DRAFT,
    title: `PATCH ${rt.endpoint}/{id}`,
    description: `A PatchOp request for a ${rt.name} (RFC 7644 §3.5.2).`,
    type: 'object',
    required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', title: 'schemas', items: { type: 'string', enum: [URN.patchOp] }, contains: { const: URN.patchOp }, default: [URN.patchOp] },
      Operations: { type: 'array', title: 'Operations', minItems: 1, items: operation },
    },
    additionalProperties: { deprecationMessage: 'Not part of a PatchOp request (schemas, Operations).' },
  };
}

/**
 * A JSON Schema (draft-07, as Monaco's JSON language service reads it) for a request body of
 * `resourceType`: `create` (POST), `replace` (PUT) or `patch` (PatchOp). Types and `required` come from
 * the registry; canonical values are suggestions (`anyOf` with a plain string), not an enum; readOnly
 * attributes carry `readOnly: true` and a `deprecationMessage` so the editor warns when they are set;
 * unknown attributes get a warning too, other letter cases of known names do not. Extension attributes
 * sit under their schema URN. Throws `RangeError` for an unknown resource type.
 */
export function toJsonSchema(registry: SchemaRegistry, resourceType: string | ScimResourceType, operation: JsonSchemaOperation): JsonSchema {
  const rt = typeof resourceType === 'string' ? registry.resourceType(resourceType) : resourceType;
  if (!rt) throw new RangeError(`unknown resource type "${String(resourceType)}"; the registry has ${registry.resourceTypes.map((r) => r.name).join(', ') || 'none'}`);
  return operation === 'patch' ? patchSchema(registry, rt) : resourceSchema(registry, rt, operation);
}
