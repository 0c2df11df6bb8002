import { pointer } from '../json';

/** `error`: the RFC is violated; `warning`: likely to break a client or server; `info`: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing a validator noticed: where (a JSON Pointer into the body), what, and which RFC section says so. */
export interface Finding {
  severity: Severity;
  /** JSON Pointer (RFC 6901) to the offending member; "" for the whole body */
  path: string;
  /** stable identifier, e.g. `itemsPerPageMismatch` */
  code: string;
  message: string;
  /** the section that says so, e.g. `RFC 7644 §3.4.2` */
  rfc: string;
}

export type Segments = readonly (string | number)[];

/** Collects findings; paths are built from segments so URN keys with "/" or "~" stay unambiguous. */
export class FindingList {
  readonly items: Finding[] = [];

  add(severity: Severity, at: Segments, code: string, message: string, rfc: string): void {
    this.items.push({ severity, path: pointer(at), code, message, rfc });
  }

  error(at: Segments, code: string, message: string, rfc: string): void {
    this.add('error', at, code, message, rfc);
  }

  warning(at: Segments, code: string, message: string, rfc: string): void {
    this.add('warning', at, code, message, rfc);
  }

  info(at: Segments, code: string, message: string, rfc: string): void {
    this.add('info', at, code, message, rfc);
  }
}

export const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A display path like `emails[1].value` for messages. */
export function label(at: Segments): string {
  let out = '';
  for (const s of at) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out || 'the body';
}
