/** What a ServiceProviderConfig claims (RFC 7643 §5, RFC 9865 §4), read leniently: keys in any case. */
export interface ServerFeatures {
  /** the SPC was served and parsed as a JSON object */
  served: boolean;
  patch: boolean;
  bulk: { supported: boolean; maxOperations?: number; maxPayloadSize?: number };
  filter: { supported: boolean; maxResults?: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  /** RFC 9865: absent when the SPC has no `pagination` member */
  pagination?: {
    cursor: boolean;
    index: boolean;
    defaultPaginationMethod?: string;
    defaultPageSize?: number;
    maxPageSize?: number;
    cursorTimeout?: number;
  };
  authenticationSchemes: { type?: string; name?: string }[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A member by name, compared case-insensitively (RFC 7643 §2.1). */
export function member(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}

const supported = (spc: unknown, name: string) => member(member(spc, name), 'supported') === true;
const integer = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/** Reads the features a ServiceProviderConfig claims; anything missing or mistyped counts as not claimed. */
export function readFeatures(spc: unknown): ServerFeatures {
  const bulk = member(spc, 'bulk');
  const filter = member(spc, 'filter');
  const pagination = member(spc, 'pagination');
  const schemes = member(spc, 'authenticationSchemes');
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    served: isObject(spc),
    patch: supported(spc, 'patch'),
    bulk: { supported: supported(spc, 'bulk'), maxOperations: integer(member(bulk, 'maxOperations')), maxPayloadSize: integer(member(bulk, 'maxPayloadSize')) },
    filter: { supported: supported(spc, 'filter'), maxResults: integer(member(filter, 'maxResults')) },
    changePassword: supported(spc, 'changePassword'),
    sort: supported(spc, 'sort'),
    etag: supported(spc, 'etag'),
    pagination: isObject(pagination)
      ? {
          cursor: member(pagination, 'cursor') === true,
          index: member(pagination, 'index') === true,
          defaultPaginationMethod: text(member(pagination, 'defaultPaginationMethod')),
          defaultPageSize: integer(member(pagination, 'defaultPageSize')),
          maxPageSize: integer(member(pagination, 'maxPageSize')),
          cursorTimeout: integer(member(pagination, 'cursorTimeout')),
        }
      : undefined,
    authenticationSchemes: Array.isArray(schemes) ? schemes.filter(isObject).map((s) => ({ type: text(member(s, 'type')), name: text(member(s, 'name')) })) : [],
  };
}
