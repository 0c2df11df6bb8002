import type { SchemaRegistry } from '../schema/registry';
import type { ScimResourceType } from '../schema/types';

/** The three PATCH operations (RFC 7644 §3.5.2). */
export type PatchOpName = 'add' | 'remove' | 'replace';

/** One entry of `Operations` (RFC 7644 §3.5.2). */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** A PatchOp request body. */
export interface PatchRequest {
  schemas: string[];
  Operations: PatchOperation[];
}

/** Options for `applyPatch`. */
export interface ApplyPatchOptions {
  /** attribute definitions (mutability, types, multi-valued); default: RFC 7643 core */
  registry?: SchemaRegistry;
  /**
   * `strict` (default) applies RFC 7644 §3.5.2 to the letter; `lenient` also accepts what Entra ID and
   * others send by default and lists each such departure in `deviations`.
   */
  mode?: 'strict' | 'lenient';
  /** the resource's type; default: found from the resource's `schemas` */
  resourceType?: string | ScimResourceType;
}

/** What kind of departure from RFC 7644 lenient mode accepted. */
export type PatchDeviationCode =
  | 'op-case'
  | 'string-boolean'
  | 'remove-with-value'
  | 'dotted-key'
  | 'qualified-key'
  | 'complex-as-string'
  | 'single-value-array'
  | 'filter-created-value'
  | 'no-target'
  | 'unknown-attribute'
  | 'missing-schemas'
  | 'filter-syntax';

/** Something lenient mode accepted that RFC 7644 does not allow. */
export interface PatchDeviation {
  /** index in `Operations` (-1 for the request envelope) */
  operation: number;
  code: PatchDeviationCode;
  message: string;
}

/** What `applyPatch` returns. */
export interface PatchResult<T> {
  /** the patched copy; the input resource is never modified */
  resource: T;
  deviations: PatchDeviation[];
}
