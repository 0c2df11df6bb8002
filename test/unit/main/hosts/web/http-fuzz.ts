import { prng } from '@shared/util/prng';

/** One generated request: its bytes, and whether its HTTP framing is sound (so more may follow it on the connection). */
export interface FuzzRequest {
  bytes: Buffer;
  framed: boolean;
  kind: 'request line' | 'path' | 'headers' | 'percent-encoding' | 'body';
}

export interface FuzzTarget {
  /** the Host header the server accepts */
  host: string;
  /** headers that get a request past authentication (used on some requests only) */
  auth: Record<string, string>;
  /** path prefixes that reach the server's routes */
  prefixes: string[];
  /** path words after the prefix */
  words: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get', 'TRACE', 'CONNECT', 'PROPFIND', 'G\u00c9T', 'GET\tX', '', ' GET', 'POST\x00', 'X'.repeat(300)];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1', 'http/1.1', 'HTTP/1.1 extra', '', 'HTTP/1.1\x00', 'HTCPCP/1.0'];
const TARGETS = ['//[', '//[::1', 'http://[/', '*', '', ' ', '/ /', '/\x00', '/\x7f', '/%', '/%%', '/\u00ff', 'http://evil.example/', 'https://127.0.0.1/', '?x', '#', '/\\..\\..', '//', '/../../../etc/passwd', 'x'.repeat(9000)];
const PATH_PIECES = ['%', '%E0', '%C0%AF', '%ED%A0%80', '%FF', '%zz', '%2e%2e', '%2F', '%00', '%25', '%u0041', '..', '.', '//', '[', ']', '@', ':', ';', ',', '\u00e9', '\u4e2d', '\ud83d\ude00', 'a', 'Users', '.search', 'x'.repeat(200)];
const QUERY_PIECES = ['filter=', 'filter=%', 'filter=%E0', 'filter=userName%20eq%20%22', 'filter=(((((', 'filter=not%20(', 'startIndex=1e999', 'startIndex=-%31', 'count=%FF', 'count=99999999999999999999', 'cursor', 'cursor=%C0', 'attributes=%', 'sortBy=%5B', 'token=%E0', 'token=', '%=%', '&&&', '=', 'a=%2', 'excludedAttributes=%2C%2C'];
const HEADER_NAMES = ['accept', 'content-type', 'cookie', 'authorization', 'range', 'if-match', 'if-none-match', 'origin', 'referer', 'x-fuzz', 'accept-encoding', 'x-forwarded-for'];
/** headers that decide the framing: a junk value ends the connection */
const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'expect'];
const HEADER_VALUES = ['', ' ', '%E0', '\u00ff\u00fe', 'Bearer', 'Bearer ', 'Basic %%%', 'Basic ' + 'A'.repeat(500), 'text/html', '*/*', 'application/scim+json; charset=latin1', 'bytes=', 'bytes=5-1', 'bytes=-0', 'bytes=99999999999999999999-', '"x"', 'W/"', 'null', 'http://evil.example', 'a=%E0; b=%', '\x01\x02', 'x'.repeat(4000), '100-continue', 'garbage', '-1', '1e3', '0x10'];

/** A control character other than tab (which header values may hold). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function head(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * A seeded generator of hostile HTTP/1.1 requests: broken request lines, paths and query strings with
 * bad percent-encodings and odd characters, header blocks with junk values, broken framing, and JSON
 * bodies that are not JSON or not UTF-8. The same seed gives the same requests.
 */
export function fuzzRequests(seed: number, target: FuzzTarget): () => FuzzRequest {
  const random = prng(seed);
  const authed = () => (random() < 0.5 ? target.auth : {});
  const headerLines = (extra: Record<string, string>) => Object.entries({ host: target.host, ...extra }).map(([k, v]) => `${k}: ${v}`);
  const path = () => {
    let p = pick(random, target.prefixes);
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) p += (random() < 0.5 ? pick(random, target.words) : pick(random, PATH_PIECES)) + (random() < 0.6 ? '/' : '');
    return p;
  };
  const query = () => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => pick(random, QUERY_PIECES)).join('&');
  };
  const generate = (): FuzzRequest => {
    const r = random();
    if (r < 0.05) {
      // request line: anything goes, so the connection may not survive it
      const line = `${pick(random, METHODS)} ${random() < 0.7 ? pick(random, TARGETS) : path()} ${pick(random, VERSIONS)}`;
      return { bytes: Buffer.from(head([line, ...headerLines(authed())]), 'latin1'), framed: false, kind: 'request line' };
    }
    if (r < 0.45) {
      // a well-framed request whose path is hostile
      const method = pick(random, ['GET', 'GET', 'DELETE', 'HEAD', 'OPTIONS']);
      const p = random() < 0.3 ? pick(random, TARGETS.filter((t) => t.startsWith('/'))) : path();
      const line = Buffer.from(`${method} ${p}${random() < 0.3 ? `?${query()}` : ''} HTTP/1.1\r\n`, 'utf8');
      return { bytes: Buffer.concat([line, Buffer.from(head(headerLines(authed())), 'latin1')]), framed: true, kind: 'path' };
    }
    if (r < 0.65) {
      // percent-encodings in the query of a path that exists
      const line = `GET ${pick(random, target.prefixes)}${pick(random, target.words)}?${query()} HTTP/1.1`;
      return { bytes: Buffer.from(head([line, ...headerLines(authed())]), 'latin1'), framed: true, kind: 'percent-encoding' };
    }
    if (r < 0.85) {
      // header block: junk values for headers the servers read; a few break the framing
      const headers: Record<string, string> = { ...authed() };
      const n = 1 + Math.floor(random() * 4);
      let framed = true;
      for (let i = 0; i < n; i++) {
        const name = random() < 0.08 ? pick(random, FRAMING_HEADERS) : pick(random, HEADER_NAMES);
        const value = pick(random, HEADER_VALUES);
        if (name === 'content-length' || name === 'transfer-encoding' || name === 'connection' || name === 'expect' || hasControl(value) || value.length > 3000) framed = false;
        headers[name] = value;
      }
      const lines = [`${pick(random, ['GET', 'POST', 'HEAD'])} ${path()} HTTP/1.1`, ...headerLines(headers)];
      if (random() < 0.05) {
        lines.push(pick(random, [' folded continuation', 'no-colon-here', ': empty name', 'bad name: x', `${'h'.repeat(100)}: ${'v'.repeat(10)}`]));
        framed = false;
      }
      if (random() < 0.02) {
        for (let i = 0; i < 200; i++) lines.push(`x-many-${i}: ${'y'.repeat(100)}`);
        framed = false;
      }
      return { bytes: Buffer.from(head(lines), 'latin1'), framed, kind: 'headers' };
    }
    // a body: not JSON, not UTF-8, deep, or empty
    const bodies = [
      Buffer.from('{"a":'),
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from('['.repeat(5000)),
      Buffer.from('{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"' + 'a pr and '.repeat(3000) + 'a pr"}'),
      Buffer.from('{"filter":"' + '('.repeat(300) + '"}'),
      Buffer.from(''),
      Buffer.from('null'),
      Buffer.from('"\\ud800"'),
      Buffer.from('{"__proto__":{"x":1},"constructor":{"prototype":{}}}'),
    ];
    const body = pick(random, bodies);
    const method = pick(random, ['POST', 'PUT', 'PATCH']);
    const lines = [`${method} ${path()} HTTP/1.1`, ...headerLines({ ...authed(), 'content-type': pick(random, ['application/json', 'application/scim+json', 'text/plain']), 'content-length': String(body.length) })];
    return { bytes: Buffer.concat([Buffer.from(head(lines), 'latin1'), body]), framed: true, kind: 'body' };
  };
  return () => {
    const request = generate();
    // a request line that is not `METHOD target HTTP/1.1` (raw spaces, control or non-ASCII characters in
    // the target), or a header block over 8 KB, breaks the framing whatever the branch meant
    const end = request.bytes.indexOf('\r\n\r\n');
    const line = request.bytes.subarray(0, request.bytes.indexOf('\r\n')).toString('latin1');
    if (!/^[A-Z]+ [\x21-\x7e]+ HTTP\/1\.1$/.test(line) || end > 8000) request.framed = false;
    return request;
  };
}
