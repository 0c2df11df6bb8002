import type { AttributeType, ScimAttribute } from './types';

type Options = Partial<Omit<ScimAttribute, 'name' | 'type' | 'description'>>;

/**
 * An attribute with RFC 7643 §2.2's defaults (not required, not case-exact, readWrite, returned by
 * default, no uniqueness) unless `options` says otherwise.
 */
export function attr(name: string, type: AttributeType, description: string, options: Options = {}): ScimAttribute {
  return {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.canonicalValues ? { canonicalValues: options.canonicalValues } : {}),
    ...(options.referenceTypes ? { referenceTypes: options.referenceTypes } : {}),
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
  };
}

/** A multi-valued complex attribute. */
export function multi(name: string, description: string, subAttributes: ScimAttribute[], options: Options = {}): ScimAttribute {
  return attr(name, 'complex', description, { ...options, multiValued: true, subAttributes });
}

/** A single-valued complex attribute. */
export function complex(name: string, description: string, subAttributes: ScimAttribute[], options: Options = {}): ScimAttribute {
  return attr(name, 'complex', description, { ...options, subAttributes });
}

/**
 * The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4): value, display, type, primary,
 * with the given `value` type and `type` canonical values.
 */
export function valueDisplayTypePrimary(
  what: string,
  valueType: AttributeType,
  canonicalTypes: string[] | undefined,
  valueOptions: Options = {},
  includePrimary = true,
): ScimAttribute[] {
  const out = [
    attr('value', valueType, `The value of ${what}.`, valueOptions),
    attr('display', 'string', 'A human-readable name, primarily used for display purposes. READ-ONLY.'),
    attr('type', 'string', "A label indicating the attribute's function.", canonicalTypes ? { canonicalValues: canonicalTypes } : {}),
  ];
  if (includePrimary) {
    out.push(attr('primary', 'boolean', "A Boolean value indicating the 'primary' or preferred value; 'true' MUST appear no more than once."));
  }
  return out;
}
