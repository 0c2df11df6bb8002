export type { Finding, Severity } from './findings';
export { validateResource, type ValidateResourceOptions } from './resource';
export { validateListResponse, type ValidateListResponseOptions } from './list-response';
export { validateError } from './error-body';
export { validatePatchRequest, type ValidatePatchRequestOptions } from './patch-request';
