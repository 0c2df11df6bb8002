import { isRecord, keyOf } from '../inspector/body/json-access';

/** One capability of a ServiceProviderConfig (RFC 7643 §5), as served. */
export interface Capability {
  key: 'patch' | 'bulk' | 'filter' | 'sort' | 'etag' | 'changePassword' | 'pagination';
  title: string;
  /** `supported` as served; undefined when the server left the capability out */
  supported?: boolean;
  /** the other members, in words: [label, value] */
  details: [string, string][];
  /** what it means for a client, in one line */
  meaning: string;
  rfc: string;
}

export interface AuthScheme {
  type: string;
  name: string;
  description?: string;
  specUri?: string;
  documentationUri?: string;
  primary: boolean;
}

export interface ServiceProviderFacts {
  capabilities: Capability[];
  authenticationSchemes: AuthScheme[];
  documentationUri?: string;
  /** what the document gets wrong, in words */
  problems: string[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value));

function describe(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return text(value) ?? '';
}

const SPEC: { key: Capability['key']; title: string; meaning: string; rfc: string; fields: [string, string][] }[] = [
  { key: 'patch', title: 'PATCH', meaning: 'Change part of a resource with PatchOp operations', rfc: 'RFC 7644 §3.5.2', fields: [] },
  {
    key: 'bulk',
    title: 'Bulk',
    meaning: 'Many operations in one POST /Bulk request',
    rfc: 'RFC 7644 §3.7',
    fields: [
      ['maxOperations', 'Max operations'],
      ['maxPayloadSize', 'Max payload (bytes)'],
    ],
  },
  { key: 'filter', title: 'Filter', meaning: 'Query with filter=… expressions', rfc: 'RFC 7644 §3.4.2.2', fields: [['maxResults', 'Max results']] },
  { key: 'sort', title: 'Sort', meaning: 'Order results with sortBy and sortOrder', rfc: 'RFC 7644 §3.4.2.3', fields: [] },
  { key: 'etag', title: 'ETag', meaning: 'Versioned resources; If-Match / If-None-Match', rfc: 'RFC 7644 §3.14', fields: [] },
  { key: 'changePassword', title: 'Change password', meaning: 'Set a user’s password with PATCH or PUT', rfc: 'RFC 7643 §5', fields: [] },
  {
    key: 'pagination',
    title: 'Pagination',
    meaning: 'Index (startIndex) and cursor (RFC 9865) paging',
    rfc: 'RFC 9865 §4',
    fields: [
      ['index', 'Index paging'],
      ['cursor', 'Cursor paging'],
      ['defaultPaginationMethod', 'Default method'],
      ['defaultPageSize', 'Default page size'],
      ['maxPageSize', 'Max page size'],
      ['cursorTimeout', 'Cursor timeout (s)'],
    ],
  },
];

/** Reads a ServiceProviderConfig leniently (names ignoring case) and says what is missing or mistyped. */
export function readServiceProviderConfig(document: unknown): ServiceProviderFacts {
  const problems: string[] = [];
  if (!isRecord(document)) return { capabilities: [], authenticationSchemes: [], problems: ['The ServiceProviderConfig is not a JSON object.'] };
  const capabilities: Capability[] = [];
  for (const spec of SPEC) {
    const value = keyOf(document, spec.key);
    if (value === undefined) {
      if (spec.key !== 'pagination') problems.push(`"${spec.key}" is missing; RFC 7643 §5 requires it.`);
      capabilities.push({ key: spec.key, title: spec.title, details: [], meaning: spec.meaning, rfc: spec.rfc });
      continue;
    }
    if (!isRecord(value)) {
      problems.push(`"${spec.key}" should be an object, not ${describe(value)}.`);
      capabilities.push({ key: spec.key, title: spec.title, details: [], meaning: spec.meaning, rfc: spec.rfc });
      continue;
    }
    const supported = keyOf(value, 'supported');
    if (spec.key !== 'pagination' && typeof supported !== 'boolean') problems.push(`"${spec.key}.supported" should be true or false, not ${describe(supported) || 'missing'}.`);
    const details: [string, string][] = [];
    for (const [field, label] of spec.fields) {
      const v = keyOf(value, field);
      if (v !== undefined) details.push([label, describe(v)]);
    }
    const isSupported = spec.key === 'pagination' ? keyOf(value, 'cursor') === true || keyOf(value, 'index') === true : typeof supported === 'boolean' ? supported : undefined;
    capabilities.push({ key: spec.key, title: spec.title, ...(isSupported !== undefined ? { supported: isSupported } : {}), details, meaning: spec.meaning, rfc: spec.rfc });
  }
  const schemes = keyOf(document, 'authenticationSchemes');
  const authenticationSchemes: AuthScheme[] = [];
  if (schemes === undefined) problems.push('"authenticationSchemes" is missing; RFC 7643 §5 requires it.');
  else if (!Array.isArray(schemes)) problems.push('"authenticationSchemes" should be an array.');
  else {
    for (const scheme of schemes) {
      if (!isRecord(scheme)) continue;
      const optional = (name: string) => {
        const v = text(keyOf(scheme, name));
        return v ? { [name]: v } : {};
      };
      authenticationSchemes.push({
        type: text(keyOf(scheme, 'type')) ?? '(no type)',
        name: text(keyOf(scheme, 'name')) ?? '(no name)',
        ...optional('description'),
        ...optional('specUri'),
        ...optional('documentationUri'),
        primary: keyOf(scheme, 'primary') === true,
      });
    }
  }
  const documentationUri = text(keyOf(document, 'documentationUri'));
  return { capabilities, authenticationSchemes, ...(documentationUri ? { documentationUri } : {}), problems };
}
