/** The schema model of RFC 7643 §7 (a `/Schemas` entry) and §6 (a `/ResourceTypes` entry). */

/** RFC 7643 §2.3 data types. */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
/** RFC 7643 §2.2 `mutability`. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
/** RFC 7643 §2.2 `returned`. */
export type Returned = 'always' | 'never' | 'default' | 'request';
/** RFC 7643 §2.2 `uniqueness`. */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition with every characteristic filled in (RFC 7643 §2.2 defaults where a server omits one). */
export interface ScimAttribute {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: ScimAttribute[];
}

/** A schema resource (RFC 7643 §7). */
export interface ScimSchema {
  id: string;
  name: string;
  description: string;
  attributes: ScimAttribute[];
}

/** One entry of a resource type's `schemaExtensions`. */
export interface SchemaExtensionRef {
  schema: string;
  required: boolean;
}

/** A resource type (RFC 7643 §6). */
export interface ScimResourceType {
  id: string;
  name: string;
  endpoint: string;
  description?: string;
  schema: string;
  schemaExtensions: SchemaExtensionRef[];
}

/** The allowed values of each characteristic, for pickers and validation. */
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary', 'complex'];
export const MUTABILITIES: readonly Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
export const RETURNED_VALUES: readonly Returned[] = ['always', 'never', 'default', 'request'];
export const UNIQUENESS_VALUES: readonly Uniqueness[] = ['none', 'server', 'global'];
