import type { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute, ScimResourceType } from '../schema/types';

/** An unqualified attribute name found in a schema extension rather than in the base schema. */
export interface ExtensionAttribute {
  /** the extension's URN, as the registry spells it */
  uri: string;
  attribute: ScimAttribute;
}

/**
 * RFC 7644 §3.10: clients "SHOULD" (not must) qualify extension attributes with their schema URN, so an
 * unqualified name that the base schema (and the common attributes) do not define is looked up in the
 * resource type's schema extensions: Entra ID sends `manager` for the enterprise extension's manager.
 * Without a resource type, every resource type's extensions are searched. Undefined when no extension
 * defines the name; `ambiguous` lists the URNs when more than one does.
 */
export function findInExtensions(
  registry: SchemaRegistry,
  name: string,
  resourceType: ScimResourceType | undefined,
): ExtensionAttribute | { ambiguous: string[] } | undefined {
  const urns = resourceType ? resourceType.schemaExtensions.map((e) => e.schema) : registry.resourceTypes.flatMap((rt) => rt.schemaExtensions.map((e) => e.schema));
  const found: ExtensionAttribute[] = [];
  for (const urn of urns) {
    const attribute = registry.schemaAttribute(urn, name);
    const schema = registry.schema(urn);
    if (attribute && schema && !found.some((f) => f.uri.toLowerCase() === schema.id.toLowerCase())) found.push({ uri: schema.id, attribute });
  }
  if (found.length === 0) return undefined;
  if (found.length > 1) return { ambiguous: found.map((f) => f.uri) };
  return found[0];
}

/** Whether `name` (unqualified) is defined by the base schema of `resourceType` or as a common attribute. */
export function inBaseSchema(registry: SchemaRegistry, name: string, resourceType: ScimResourceType | undefined): boolean {
  return registry.attribute({ name }, resourceType) !== undefined;
}
