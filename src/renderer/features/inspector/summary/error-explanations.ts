import type { ScimType } from '@shared/scim/errors';

export interface Explanation {
  /** what the RFC says it means, in short */
  means: string;
  /** what usually causes it and what to try */
  usually: string;
  /** where it is defined */
  source: string;
}

/** Each `scimType` of RFC 7644 §3.12 (Table 9) and RFC 9865, in the words a person debugging needs. */
export const SCIM_TYPE_EXPLANATIONS: Record<ScimType, Explanation> = {
  invalidFilter: {
    means: 'The filter syntax was invalid, or the filter used an attribute or operator the server does not support.',
    usually: 'A typo in the filter, a string value without double quotes, or an operator or attribute this server does not filter on. Check the filter builder and the server’s ServiceProviderConfig.',
    source: 'RFC 7644 §3.12',
  },
  tooMany: {
    means: 'The filter would return more results than the server is willing to compute or send.',
    usually: 'Narrow the filter, or page with a smaller count.',
    source: 'RFC 7644 §3.12',
  },
  uniqueness: {
    means: 'One or more attribute values are already in use or reserved.',
    usually: 'A resource with this userName, externalId or displayName already exists. Search for it and update that one instead of creating another.',
    source: 'RFC 7644 §3.12',
  },
  mutability: {
    means: 'The change tried to modify an attribute that cannot be changed (readOnly or immutable).',
    usually: 'The body sets id, meta or another read-only attribute, or changes an immutable one. Leave those out of PUT and PATCH bodies.',
    source: 'RFC 7644 §3.12',
  },
  invalidSyntax: {
    means: 'The request body or a query parameter could not be parsed, or did not follow the SCIM schema.',
    usually: 'Malformed JSON, a missing "schemas", or a PATCH that is not a PatchOp message. The SCIM checks of the request body point to where.',
    source: 'RFC 7644 §3.12',
  },
  invalidPath: {
    means: 'The "path" of a PATCH operation is not valid.',
    usually: 'A misspelled attribute, a value filter in the wrong place, or an extension attribute without its schema URN prefix.',
    source: 'RFC 7644 §3.12',
  },
  noTarget: {
    means: 'The PATCH "path" matched nothing to operate on.',
    usually: 'The value filter in the path (e.g. emails[type eq "work"]) matches no value of the resource. Read the resource first to see what it holds.',
    source: 'RFC 7644 §3.12',
  },
  invalidValue: {
    means: 'A required value was missing, or a value was not compatible with the attribute’s type or canonical values.',
    usually: 'A string where a boolean is expected ("true" instead of true), a missing required attribute, or a value outside the canonical list.',
    source: 'RFC 7644 §3.12',
  },
  invalidVers: {
    means: 'The version in If-Match / If-None-Match is not valid for this resource.',
    usually: 'The ETag was malformed or is not one this server issued. Take the ETag from the latest GET of the resource.',
    source: 'RFC 7644 §3.12',
  },
  sensitive: {
    means: 'The request cannot complete because of sensitive information in the request URI.',
    usually: 'A filter with personal data in the URL: send it as a POST /.search instead.',
    source: 'RFC 7644 §3.12',
  },
  invalidCursor: {
    means: 'The cursor is not valid: unknown to the server, or of the wrong form.',
    usually: 'The cursor was edited or came from another list. Start again with the first page (an empty cursor).',
    source: 'RFC 9865 §5',
  },
  expiredCursor: {
    means: 'The cursor has expired.',
    usually: 'Too long passed between pages. Start again with the first page (an empty cursor).',
    source: 'RFC 9865 §5',
  },
  invalidCount: {
    means: 'The count asked for is not valid (e.g. larger than the server allows).',
    usually: 'Ask for a smaller count; the ServiceProviderConfig may say the maximum.',
    source: 'RFC 9865 §5',
  },
};

/** The statuses SCIM servers answer with most, as RFC 7644 §3.12 and HTTP describe them. */
export const STATUS_EXPLANATIONS: Record<number, Explanation> = {
  400: {
    means: 'Bad Request: the request is unparsable, syntactically incorrect or violates the schema.',
    usually: 'Look at scimType and detail; the SCIM checks of the request body often show the cause.',
    source: 'RFC 7644 §3.12',
  },
  401: {
    means: 'Unauthorized: the authorization header is missing or invalid.',
    usually: 'No token, an expired or wrong token, or the wrong auth scheme. Check the endpoint’s auth and use Test connection.',
    source: 'RFC 7644 §3.12',
  },
  403: {
    means: 'Forbidden: the server understood the request but will not do it for this client.',
    usually: 'The token is valid but lacks a scope or role for this operation or resource type.',
    source: 'RFC 7644 §3.12',
  },
  404: {
    means: 'Not Found: the resource or endpoint does not exist.',
    usually: 'A wrong id (deleted meanwhile?) or a wrong base URL or resource path (/Users vs /users).',
    source: 'RFC 7644 §3.12',
  },
  409: {
    means: 'Conflict: the service provider refused to create a new, duplicate resource.',
    usually: 'A resource with the same unique value already exists (see scimType uniqueness).',
    source: 'RFC 7644 §3.12',
  },
  412: {
    means: 'Precondition Failed: the resource changed since the version given in If-Match.',
    usually: 'Someone (or an earlier request) changed it. GET the resource again and send with its new ETag.',
    source: 'RFC 7644 §3.12, §3.14',
  },
  413: {
    means: 'Payload Too Large: the request is larger than the server accepts.',
    usually: 'A bulk request over maxOperations or maxPayloadSize (see ServiceProviderConfig), or a very large body.',
    source: 'RFC 7644 §3.12, §3.7',
  },
  429: {
    means: 'Too Many Requests: the server is rate limiting this client.',
    usually: 'Wait and retry; a Retry-After header, if present, says how long.',
    source: 'RFC 6585 §4',
  },
  500: {
    means: 'Internal Server Error: the server failed to handle the request.',
    usually: 'A bug or an unhandled case on the server. The detail (if any) and the server’s logs say more.',
    source: 'RFC 7644 §3.12',
  },
  501: {
    means: 'Not Implemented: the server does not support the requested operation.',
    usually: 'The feature is off or absent (bulk, PATCH, sorting, /Me, …). ServiceProviderConfig lists what is supported.',
    source: 'RFC 7644 §3.12',
  },
};
