import { parseDateTimeParts } from '../datetime';
import { describeValue, isObject } from '../json';
import type { SchemaRegistry } from '../schema/registry';
import type { ScimAttribute } from '../schema/types';
import { type FindingList, type Segments, label } from './findings';

export interface ValueCheckOptions {
  registry: SchemaRegistry;
  direction: 'request' | 'response';
}

const TYPE_SECTION: Record<string, string> = {
  string: '§2.3.1',
  boolean: '§2.3.2',
  decimal: '§2.3.3',
  integer: '§2.3.4',
  dateTime: '§2.3.5',
  binary: '§2.3.6',
  reference: '§2.3.7',
  complex: '§2.3.8',
};

function isBase64(text: string): boolean {
  let body = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
    if (alpha) body++;
    else if (c === 61) {
      for (let j = i; j < text.length; j++) if (text.charCodeAt(j) !== 61) return false;
      return text.length % 4 === 0;
    } else if (c !== 10 && c !== 13) return false;
  }
  return body > 0;
}

function hasScheme(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 1) return false;
  for (let i = 0; i < colon; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46));
    if (!ok) return false;
  }
  return true;
}

/** Checks one attribute's value (and, for complex values, its sub-attributes) against its definition. */
export function checkAttribute(def: ScimAttribute, key: string, value: unknown, at: Segments, out: FindingList, options: ValueCheckOptions): void {
  if (key !== def.name) {
    out.info(at, 'attributeNameCase', `"${key}" is spelled "${def.name}" in the schema; attribute names are case-insensitive, but some clients compare them exactly`, 'RFC 7643 §2.1');
  }
  if (value === null) return;
  if (options.direction === 'response' && def.returned === 'never') {
    out.error(at, 'returnedNever', `"${label(at)}" has returned "never" (e.g. a password) and must not appear in a response`, 'RFC 7643 §2.2');
  }
  if (options.direction === 'request' && def.mutability === 'readOnly') {
    out.warning(at, 'readOnlyInRequest', `"${label(at)}" is readOnly: the service provider ignores it in a request`, 'RFC 7643 §2.2');
  }
  if (def.multiValued) {
    if (!Array.isArray(value)) {
      out.error(at, 'notMultiValued', `"${label(at)}" is multi-valued: expected an array, got ${describeValue(value)}`, 'RFC 7643 §2.4');
      checkSingle(def, value, at, out, options);
      return;
    }
    let primaries = 0;
    value.forEach((item, i) => {
      checkSingle(def, item, [...at, i], out, options);
      if (isObject(item) && item.primary === true) primaries++;
    });
    if (primaries > 1) out.error(at, 'multiplePrimary', `${primaries} values of "${label(at)}" have "primary": true; at most one may`, 'RFC 7643 §2.4');
    return;
  }
  if (Array.isArray(value)) {
    out.error(at, 'notSingleValued', `"${label(at)}" is single-valued: expected one value, got an array`, 'RFC 7643 §2.4');
    return;
  }
  checkSingle(def, value, at, out, options);
}

const TYPE_RFC: Record<string, string> = Object.fromEntries(Object.entries(TYPE_SECTION).map(([type, section]) => [type, `RFC 7643 ${section}`]));

/** Checks one value against its type; nothing is built unless there is a finding (this runs for every value of every answer). */
function checkSingle(def: ScimAttribute, value: unknown, at: Segments, out: FindingList, options: ValueCheckOptions): void {
  if (value === null) return;
  const rfc = TYPE_RFC[def.type] ?? 'RFC 7643 §2.3';
  switch (def.type) {
    case 'boolean':
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
        out.error(at, 'stringBoolean', `"${label(at)}" is a boolean, got the string "${value}" (Entra ID sends string booleans unless its aadOptscim062020 flag is set)`, rfc);
      } else if (typeof value !== 'boolean') wrongType(out, at, 'a boolean (true or false)', value, rfc);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrongType(out, at, 'an integer', value, rfc);
      return;
    case 'decimal':
      if (typeof value !== 'number') wrongType(out, at, 'a number', value, rfc);
      return;
    case 'dateTime': {
      if (typeof value !== 'string') return wrongType(out, at, 'a dateTime string', value, rfc);
      const parts = parseDateTimeParts(value);
      if (!parts) wrongType(out, at, 'an xsd:dateTime such as "2011-05-13T04:42:34Z"', value, rfc);
      else if (!parts.zoned) out.warning(at, 'dateTimeWithoutZone', `"${label(at)}" has no time zone ("Z" or "+hh:mm"), so its instant is ambiguous`, rfc);
      return;
    }
    case 'binary':
      if (typeof value !== 'string') wrongType(out, at, 'base64-encoded binary (a string)', value, rfc);
      else if (!isBase64(value)) out.error(at, 'notBase64', `"${label(at)}" is binary: expected base64, got ${describeValue(value)}`, rfc);
      return;
    case 'reference':
      if (typeof value !== 'string') return wrongType(out, at, 'a reference (a URI string)', value, rfc);
      if (def.referenceTypes?.includes('external') && !hasScheme(value)) {
        out.warning(at, 'relativeExternalReference', `"${label(at)}" is an external reference: expected an absolute URI, got ${describeValue(value)}`, rfc);
      }
      return;
    case 'complex':
      if (!isObject(value)) return wrongType(out, at, 'complex (an object of sub-attributes)', value, rfc);
      checkComplex(def, value, at, out, options);
      return;
    default:
      if (typeof value !== 'string') return wrongType(out, at, 'a string', value, rfc);
      if (def.canonicalValues?.length && !def.canonicalValues.some((c) => c.toLowerCase() === value.toLowerCase())) {
        out.info(at, 'nonCanonicalValue', `"${label(at)}" is "${value}", not one of its canonical values (${def.canonicalValues.join(', ')})`, 'RFC 7643 §7');
      }
  }
}

function wrongType(out: FindingList, at: Segments, expected: string, value: unknown, rfc: string): void {
  out.error(at, 'wrongType', `"${label(at)}" is ${expected}, got ${describeValue(value)}`, rfc);
}

function checkComplex(def: ScimAttribute, value: Record<string, unknown>, at: Segments, out: FindingList, options: ValueCheckOptions): void {
  const seen = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) out.error([...at, key], 'duplicateAttribute', `"${key}" and "${seen.get(lower)}" are the same sub-attribute (names are case-insensitive)`, 'RFC 7643 §2.1');
    seen.set(lower, key);
    const sub = options.registry.subAttribute(def, key);
    if (!sub) {
      out.warning([...at, key], 'unknownAttribute', `"${key}" is not a sub-attribute of "${def.name}"`, 'RFC 7643 §2.3.8');
      continue;
    }
    checkAttribute(sub, key, value[key], [...at, key], out, options);
  }
  for (const sub of def.subAttributes ?? []) {
    if (!sub.required || (options.direction === 'request' && sub.mutability === 'readOnly')) continue;
    if (!seen.has(sub.name.toLowerCase()) || value[seen.get(sub.name.toLowerCase())!] === null) {
      out.error([...at, sub.name], 'missingRequired', `"${label(at)}.${sub.name}" is required`, 'RFC 7643 §2.2');
    }
  }
}
