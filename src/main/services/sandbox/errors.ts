import { URN } from '@shared/scim';

/** RFC 7644 §3.12 detail error keywords, plus RFC 9865's cursor errors. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

export interface ScimErrorBody {
  schemas: [typeof URN.error];
  status: string;
  scimType?: string;
  detail?: string;
}

/** An answer that is an RFC 7644 §3.12 Error: thrown anywhere in the request pipeline, rendered once. */
export class ScimHttpError extends Error {
  readonly status: number;
  readonly scimType: string | undefined;
  readonly headers: Record<string, string | string[]>;

  constructor(status: number, detail: string, scimType?: ScimType | string, headers: Record<string, string | string[]> = {}) {
    super(detail);
    this.name = 'ScimHttpError';
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }

  body(): ScimErrorBody {
    return errorBody(this.status, this.message, this.scimType);
  }
}

export function errorBody(status: number, detail: string, scimType?: string): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [URN.error], status: String(status) };
  if (scimType) body.scimType = scimType;
  body.detail = detail;
  return body;
}

export const badRequest = (detail: string, scimType: ScimType = 'invalidValue') => new ScimHttpError(400, detail, scimType);
export const notFound = (detail: string) => new ScimHttpError(404, detail);
