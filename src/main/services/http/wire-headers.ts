import type { HeaderList } from '@shared/model/exchange';
import { isSecretHeader, redactedValue } from '@shared/redact/headers';

/** The header lines of a request head as undici wrote it (the request line is skipped). */
export function parseRequestHead(head: string): HeaderList {
  const out: HeaderList = [];
  let start = head.indexOf('\r\n') + 2;
  while (start > 1 && start < head.length) {
    const end = head.indexOf('\r\n', start);
    const line = head.slice(start, end === -1 ? head.length : end);
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) out.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    if (end === -1) break;
    start = end + 2;
  }
  return out;
}

export interface ReceivedHeaders {
  /** in wire order and case, secret headers redacted */
  headers: HeaderList;
  /** the first Content-Type as received */
  contentType: string | undefined;
}

/**
 * undici's raw response headers (name, value, name, value… as bytes) decoded in wire order and case,
 * with secret headers redacted in the same pass (as `redactHeaders` would).
 */
export function receivedHeaders(raw: readonly (Buffer | string)[], extra: readonly string[]): ReceivedHeaders {
  const headers: HeaderList = [];
  let contentType: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString();
    const value = raw[i + 1]!.toString();
    if (contentType === undefined && name.length === 12 && name.toLowerCase() === 'content-type') contentType = value;
    headers.push([name, isSecretHeader(name, extra) ? redactedValue(value) : value]);
  }
  return { headers, contentType };
}

export function headerValue(list: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of list) if (key.toLowerCase() === lower) return value;
  return undefined;
}
