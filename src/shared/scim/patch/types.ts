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
  /**
   * Reads an attribute path used as a key of a no-path `add`/`replace` value (`"name.givenName"`, a
   * URN-qualified `"urn:…:enterprise:2.0:User:employeeNumber"`) as naming that attribute, in strict mode
   * too. RFC 7644 §3.5.2.1/§3.5.2.3 say the value "is a set of attributes"; naming an attribute by its path
   * is read as naming it (Entra ID sends several attributes this way with `aadOptscim062020`). Default off:
   * strict mode then refuses such keys with `invalidPath`, and lenient mode accepts them as a deviation.
   */
  pathKeys?: boolean;
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
