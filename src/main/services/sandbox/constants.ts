/** Limits and fixed names of the sandbox SCIM service provider. */

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** Where the service is mounted: base URL = http://127.0.0.1:PORT + BASE_PATH */
export const BASE_PATH = '/scim/v2';

export interface SandboxLimits {
  /** largest request body, any endpoint (bytes); also Bulk's maxPayloadSize */
  maxPayloadSize: number;
  /** most operations in one Bulk request */
  maxOperations: number;
  /** page size when a query gives no count */
  defaultPageSize: number;
  /** largest page returned, whatever the count asked (also filter.maxResults) */
  maxPageSize: number;
  /** seconds a cursor stays valid */
  cursorTimeout: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  maxPayloadSize: 1_048_576,
  maxOperations: 1000,
  defaultPageSize: 100,
  maxPageSize: 1000,
  cursorTimeout: 3600,
};

export const REALM = 'SCIM Inspector sandbox';
