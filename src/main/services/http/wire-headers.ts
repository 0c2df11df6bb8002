import type { HeaderList } from '@shared/model/exchange';

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

/** undici's raw response headers (name, value, name, value… as bytes) in wire order and case. */
export function rawHeaderList(raw: readonly (Buffer | string)[] | undefined): HeaderList | undefined {
  if (!raw) return undefined;
  const out: HeaderList = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toString(), raw[i + 1]!.toString()]);
  return out;
}

export function headerValue(list: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of list) if (key.toLowerCase() === lower) return value;
  return undefined;
}
