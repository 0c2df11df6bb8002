import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SandboxLimits } from './constants';
import { badRequest } from './errors';
import { indexAfter, indexAtOrAfter, type Ordered, type PositionAt, type SortKey } from './sorting';

/** Index paging (RFC 7644 §3.4.2.4) or cursor paging (RFC 9865). */
export type PageRequest = { mode: 'index'; startIndex: number; count: number } | { mode: 'cursor'; cursor: string; count: number };

export interface PagingInput {
  startIndex?: unknown;
  count?: unknown;
  /** undefined: not given; '' : the first page of a cursor-paged query */
  cursor?: unknown;
}

/**
 * The largest integer every JSON implementation carries exactly (RFC 7493 §2.2, RFC 8259 §6). RFC 7644
 * §3.4.2.4 reads out-of-range paging values instead of refusing them (startIndex below 1 is 1, a
 * negative count is 0) and sets no upper bound: an index past the last result selects an empty page,
 * and P10 of the conformance catalogue expects exactly that (200, no Resources). The answer must
 * still carry startIndex as a JSON integer (RFC 7643 §2.3.4: no exponent, no fraction), so larger
 * values are read as this one: still past every result, and echoed as an integer, never as 1e+24.
 */
const LARGEST = Number.MAX_SAFE_INTEGER;

function integerParam(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  let number = Number.NaN;
  // JSON numbers: 1e24 is a whole number, and so is 1e400 (which JSON.parse reads as Infinity)
  if (typeof value === 'number') number = Number.isInteger(value) || value === Infinity || value === -Infinity ? value : Number.NaN;
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) number = Number(value);
  if (Number.isNaN(number)) throw badRequest(`"${name}" must be an integer, not ${JSON.stringify(value)}.`, name === 'count' ? 'invalidCount' : 'invalidValue');
  return Math.max(-LARGEST, Math.min(LARGEST, number));
}

export function parsePaging(input: PagingInput, limits: SandboxLimits): PageRequest {
  const startIndex = integerParam('startIndex', input.startIndex);
  // RFC 7644 §3.4.2.4, which RFC 9865 §2 keeps for cursor paging: a count of 0 asks for totalResults
  // only (no Resources, and so no cursor to continue from), a negative count is read as 0, and a
  // count above maxPageSize is capped
  const count = Math.min(Math.max(0, integerParam('count', input.count) ?? limits.defaultPageSize), limits.maxPageSize);
  if (input.cursor !== undefined && input.cursor !== null) {
    if (typeof input.cursor !== 'string') throw badRequest('"cursor" must be a string.', 'invalidCursor');
    if (startIndex !== undefined) throw badRequest('"cursor" and "startIndex" cannot be combined: use one pagination method per query.', 'invalidValue');
    return { mode: 'cursor', cursor: input.cursor, count };
  }
  // startIndex below 1 is taken as 1
  return { mode: 'index', startIndex: Math.max(1, startIndex ?? 1), count };
}

interface CursorPayload {
  /** n: the page after this position; p: the page before it */
  d: 'n' | 'p';
  k: SortKey;
  s: number;
  /** which query the cursor belongs to */
  q: string;
  /** issued at, seconds */
  t: number;
}

/** Opaque, tamper-evident cursors (base64url, so only RFC 3986 unreserved characters). */
export class CursorCodec {
  private readonly secret = randomBytes(32);

  constructor(private readonly timeoutSeconds: number) {}

  static queryKey(parts: readonly unknown[]): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
  }

  encode(direction: 'n' | 'p', position: Ordered, query: string): string {
    const payload: CursorPayload = { d: direction, k: position.key, s: position.seq, q: query, t: Math.floor(Date.now() / 1000) };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  decode(cursor: string, query: string): CursorPayload {
    const dot = cursor.indexOf('.');
    const body = cursor.slice(0, dot);
    if (dot < 0 || this.mac(body) !== cursor.slice(dot + 1)) {
      throw badRequest('The cursor is not one this server issued (or it was changed). Start again with an empty cursor, then send the nextCursor or previousCursor values as they are.', 'invalidCursor');
    }
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    if (payload.q !== query) {
      throw badRequest('The cursor belongs to a different query: keep filter, sortBy and sortOrder identical while paging (RFC 9865 §2).', 'invalidCursor');
    }
    if (Date.now() / 1000 - payload.t > this.timeoutSeconds) {
      throw badRequest(`The cursor has expired: cursors are valid for cursorTimeout (${this.timeoutSeconds} s). Start again with an empty cursor.`, 'expiredCursor');
    }
    return payload;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}

/** Which slice of the sorted result a request gets, with the cursors around it. */
export interface PageSlice {
  from: number;
  to: number;
  /** index paging: the 1-based index of the first item */
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
}

/** Cuts one page out of the complete, sorted result of `length` entries (read through `at`). */
export function selectPage(length: number, at: PositionAt, request: PageRequest, descending: boolean, codec: CursorCodec, query: () => string): PageSlice {
  if (request.mode === 'index') {
    const from = Math.min(length, request.startIndex - 1);
    return { from, to: Math.min(length, from + request.count), startIndex: request.startIndex };
  }
  let from = 0;
  let to: number;
  const key = query();
  if (request.cursor === '') {
    to = Math.min(length, request.count);
  } else {
    const payload = codec.decode(request.cursor, key);
    const position = { key: payload.k, seq: payload.s };
    if (payload.d === 'n') {
      from = indexAfter(length, at, position, descending);
      to = Math.min(length, from + request.count);
    } else {
      to = indexAtOrAfter(length, at, position, descending);
      from = Math.max(0, to - request.count);
    }
  }
  const page: PageSlice = { from, to };
  if (to > from && to < length) page.nextCursor = codec.encode('n', at(to - 1), key);
  if (to > from && from > 0) page.previousCursor = codec.encode('p', at(from), key);
  return page;
}
