import { URN } from './urns';

/** The `scimType` error codes of RFC 7644 §3.12 (Table 9), plus RFC 9865's cursor errors. */
export const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
  'invalidCursor',
  'expiredCursor',
  'invalidCount',
] as const;
export type ScimType = (typeof SCIM_TYPES)[number];

/** The HTTP status RFC 7644 §3.12 pairs with each `scimType`. */
export const SCIM_TYPE_STATUS: Record<ScimType, number> = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
  invalidCursor: 400,
  expiredCursor: 400,
  invalidCount: 400,
};

/** The JSON body of a SCIM error response (RFC 7644 §3.12). */
export interface ScimErrorBody {
  schemas: [typeof URN.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/**
 * A SCIM protocol error: an HTTP `status` and, for 400-class errors, a `scimType` (RFC 7644 §3.12).
 * Thrown by `applyPatch` and `matchesFilter`; `toJSON()` gives the error response body.
 */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(scimType: ScimType | undefined, message: string, status?: number) {
    super(message);
    this.name = 'ScimError';
    this.scimType = scimType;
    this.status = status ?? (scimType ? SCIM_TYPE_STATUS[scimType] : 400);
  }

  /** The RFC 7644 §3.12 error body, with `status` as a string. */
  toJSON(): ScimErrorBody {
    return {
      schemas: [URN.error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

/**
 * A filter or path that does not parse: `position` is the 0-based offset of the offending text and
 * `length` how many characters it spans; the message says what was expected there.
 */
export class ScimFilterError extends ScimError {
  readonly position: number;
  readonly length: number;
  readonly text: string;

  constructor(message: string, text: string, position: number, length = 1) {
    super('invalidFilter', message, 400);
    this.name = 'ScimFilterError';
    this.text = text;
    this.position = Math.max(0, Math.min(position, text.length));
    this.length = Math.max(0, Math.min(length, text.length - this.position));
  }
}
