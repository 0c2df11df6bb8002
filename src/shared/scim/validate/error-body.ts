import { SCIM_TYPE_STATUS, SCIM_TYPES, type ScimType } from '../errors';
import { describeValue, isObject } from '../json';
import { URN } from '../urns';
import { FindingList, type Finding } from './findings';

const RFC = 'RFC 7644 §3.12';

/**
 * Checks a SCIM error body (RFC 7644 §3.12): the Error schema URN, `status` as a string holding the HTTP
 * status (and equal to it when `httpStatus` is given), a known `scimType` that fits the status, `detail`.
 */
export function validateError(body: unknown, options: { httpStatus?: number } = {}): Finding[] {
  const out = new FindingList();
  if (!isObject(body)) {
    out.error([], 'notObject', `an error response must be a JSON object, got ${describeValue(body)}`, RFC);
    return out.items;
  }
  const keys = Object.keys(body);
  const keyOf = (name: string) => keys.find((k) => k.toLowerCase() === name.toLowerCase());
  const get = (name: string) => {
    const key = keyOf(name);
    return key === undefined ? undefined : body[key];
  };
  const schemas = get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.error.toLowerCase())) {
    out.error(['schemas'], 'missingErrorSchema', `"schemas" must be ["${URN.error}"], got ${describeValue(schemas)}`, RFC);
  }
  const status = get('status');
  let code: number | undefined;
  if (status === undefined) out.error(['status'], 'statusMissing', '"status" (the HTTP status code as a string) is required', RFC);
  else if (typeof status === 'number') {
    out.error([keyOf('status')!], 'statusNotString', `"status" must be a JSON string ("${status}"), got the number ${status}`, RFC);
    code = status;
  } else if (typeof status !== 'string' || !/^[1-5]\d\d$/.test(status)) {
    out.error([keyOf('status')!], 'invalidStatus', `"status" must be an HTTP status code such as "400", got ${describeValue(status)}`, RFC);
  } else code = Number(status);
  if (code !== undefined && options.httpStatus !== undefined && code !== options.httpStatus) {
    out.error([keyOf('status')!], 'statusMismatch', `"status" says ${code} but the HTTP response status is ${options.httpStatus}`, RFC);
  }
  const httpCode = options.httpStatus ?? code;
  if (httpCode !== undefined && httpCode < 400) out.warning([keyOf('status') ?? 'status'], 'errorWithSuccessStatus', `an error body with status ${httpCode}`, RFC);

  const scimType = get('scimType');
  if (scimType !== undefined && scimType !== null) {
    const known = typeof scimType === 'string' ? SCIM_TYPES.find((t) => t === scimType) : undefined;
    const near = typeof scimType === 'string' ? SCIM_TYPES.find((t) => t.toLowerCase() === scimType.toLowerCase()) : undefined;
    if (!known) {
      const hint = near ? ` (did you mean "${near}"? scimType values are case-sensitive keywords)` : ` (one of ${SCIM_TYPES.join(', ')})`;
      out.error([keyOf('scimType')!], 'unknownScimType', `"scimType" ${describeValue(scimType)} is not a SCIM error type${hint}`, RFC);
    } else if (httpCode !== undefined && SCIM_TYPE_STATUS[known as ScimType] !== httpCode) {
      out.warning([keyOf('scimType')!], 'scimTypeStatusMismatch', `"scimType" "${known}" goes with status ${SCIM_TYPE_STATUS[known as ScimType]}, not ${httpCode}`, RFC);
    }
  }
  const detail = get('detail');
  if (detail === undefined) out.info(['detail'], 'detailMissing', 'no "detail": a human-readable message helps whoever reads the error', RFC);
  else if (typeof detail !== 'string') out.error([keyOf('detail')!], 'wrongType', `"detail" must be a string, got ${describeValue(detail)}`, RFC);
  for (const key of keys) {
    if (!['schemas', 'status', 'scimtype', 'detail'].includes(key.toLowerCase())) out.info([key], 'unknownAttribute', `"${key}" is not part of the Error schema`, RFC);
  }
  return out.items;
}
