import { URN, type JsonObject, type JsonValue, type ScimAttribute, type ScimResourceType, type SchemaRegistry } from '@shared/scim';

export interface BodyTemplate {
  id: string;
  label: string;
  description: string;
  build(): JsonObject;
}

function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** A plausible value for an attribute, by name where the name says what it is, else by type. */
function sample(def: ScimAttribute, rt: ScimResourceType, unique: string): JsonValue {
  const name = def.name.toLowerCase();
  if (def.type === 'complex') {
    const subs = def.subAttributes ?? [];
    const wanted = subs.filter((s) => s.required || s.name === 'value' || (s.name === 'type' && s.canonicalValues?.length));
    const value: JsonObject = {};
    for (const sub of wanted.length ? wanted : subs.slice(0, 1)) if (sub.mutability !== 'readOnly') value[sub.name] = sample(sub, rt, unique);
    return def.multiValued ? [value] : value;
  }
  let single: JsonValue;
  if (def.canonicalValues?.length) single = def.canonicalValues[0]!;
  else if (name === 'username') single = `user.${unique}@example.com`;
  else if (name === 'displayname') single = `${rt.name} ${unique}`;
  else if (name.includes('email') || (name === 'value' && def.description.toLowerCase().includes('email'))) single = `${unique}@example.com`;
  else if (def.type === 'boolean') single = true;
  else if (def.type === 'integer' || def.type === 'decimal') single = 0;
  else if (def.type === 'dateTime') single = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  else if (def.type === 'reference') single = 'https://example.com/';
  else if (def.uniqueness !== 'none') single = `${def.name}-${unique}`;
  else single = '';
  return def.multiValued ? [single] : single;
}

/** Attributes a body must carry: required ones that a client can set. */
function requiredAttributes(attributes: readonly ScimAttribute[]): ScimAttribute[] {
  return attributes.filter((a) => a.required && a.mutability !== 'readOnly');
}

/** Only the required attributes (and the required extensions' required attributes), filled. */
function requiredOnly(registry: SchemaRegistry, rt: ScimResourceType): JsonObject {
  const unique = suffix();
  const body: JsonObject = { schemas: [rt.schema, ...rt.schemaExtensions.filter((e) => e.required).map((e) => e.schema)] };
  for (const def of requiredAttributes(registry.schema(rt.schema)?.attributes ?? [])) body[def.name] = sample(def, rt, unique);
  for (const ext of rt.schemaExtensions.filter((e) => e.required)) {
    const part: JsonObject = {};
    for (const def of requiredAttributes(registry.schema(ext.schema)?.attributes ?? [])) part[def.name] = sample(def, rt, unique);
    body[ext.schema] = part;
  }
  return body;
}

function has(registry: SchemaRegistry, rt: ScimResourceType, name: string): boolean {
  return registry.schemaAttribute(rt.schema, name) !== undefined;
}

/**
 * Body templates for creating (or replacing) a resource of `rt`: always one with exactly the
 * required attributes, plus a typical User or Group where the schema has their attributes.
 */
export function resourceTemplates(registry: SchemaRegistry, rt: ScimResourceType): BodyTemplate[] {
  const lower = rt.name.toLowerCase();
  const out: BodyTemplate[] = [];
  if (rt.schema === URN.user || (has(registry, rt, 'userName') && has(registry, rt, 'emails'))) {
    out.push({
      id: 'user',
      label: `New ${lower}`,
      description: 'userName, name, displayName, a work email and active',
      build() {
        const unique = suffix();
        const body: JsonObject = { ...requiredOnly(registry, rt), userName: `user.${unique}@example.com` };
        if (has(registry, rt, 'name')) body.name = { givenName: 'Ada', familyName: `Lovelace-${unique}` };
        if (has(registry, rt, 'displayName')) body.displayName = `Ada Lovelace ${unique}`;
        if (has(registry, rt, 'emails')) body.emails = [{ value: `user.${unique}@example.com`, type: 'work', primary: true }];
        if (has(registry, rt, 'active')) body.active = true;
        return body;
      },
    });
    const enterprise = rt.schemaExtensions.find((e) => e.schema === URN.enterpriseUser);
    if (enterprise) {
      out.push({
        id: 'enterprise-user',
        label: `New ${lower} with enterprise extension`,
        description: 'the above plus employeeNumber, department and manager',
        build() {
          const base = out[0]!.build();
          const schemas = [...((base.schemas as string[] | undefined) ?? [rt.schema])];
          if (!schemas.includes(URN.enterpriseUser)) schemas.push(URN.enterpriseUser);
          return { ...base, schemas, [URN.enterpriseUser]: { employeeNumber: String(Math.floor(Math.random() * 90000) + 10000), department: 'Engineering', manager: { value: '' } } };
        },
      });
    }
  }
  if (rt.schema === URN.group || (has(registry, rt, 'members') && has(registry, rt, 'displayName'))) {
    out.push({
      id: 'group',
      label: `New ${lower}`,
      description: 'displayName and an empty members list',
      build: () => ({ ...requiredOnly(registry, rt), displayName: `Group ${suffix()}`, members: [] }),
    });
  }
  out.push({ id: 'required', label: `${rt.name}: required attributes only`, description: 'schemas and every required attribute', build: () => requiredOnly(registry, rt) });
  return out;
}

export function patchTemplate(): JsonObject {
  return { schemas: [URN.patchOp], Operations: [] };
}

export function bulkTemplate(registry: SchemaRegistry, rt: ScimResourceType | undefined): JsonObject {
  const data = rt ? resourceTemplates(registry, rt)[0]!.build() : {};
  return {
    schemas: [URN.bulkRequest],
    failOnErrors: 1,
    Operations: [{ method: 'POST', path: rt?.endpoint ?? '/Users', bulkId: `new-${suffix()}`, data }],
  };
}

export function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
