import type { HeaderList } from '../model/exchange';
import { attributeSegments } from './attribute-paths';
import { isSecretMember, isSecretParameter, MEMBER_STEMS, PARAMETER_STEMS } from './credential-names';
import { AUTH_SCHEME, isSecretHeader } from './headers';
import type { Replacement, ReplacementKind } from './options';
import { REDACTED } from './secret-scrubber';
import { isDistinctive } from './weak-secrets';

const ENCODED_MARKER = encodeURIComponent(REDACTED);

const isMarker = (value: string) => value === '' || value.includes(REDACTED) || value.includes(ENCODED_MARKER);

function decode(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** What a credential's value becomes: its auth scheme, if it has one, stays readable. */
function replacement(value: string): string {
  const scheme = AUTH_SCHEME.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard or URL-safe base64 to UTF-8 text; undefined when it is not base64 of UTF-8. */
function fromBase64(text: string): string | undefined {
  const clean = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+$/.test(clean)) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of clean) {
    buffer = (buffer << 6) | B64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (size === 0 || i + size > bytes.length) return undefined;
    let code = size === 1 ? b : b & (0xff >> (size + 1));
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 0x3f);
    }
    out += String.fromCodePoint(code);
    i += size;
  }
  return out;
}

/**
 * The values a credential header carries, as a server may echo them: the whole value, the part
 * after the auth scheme, the password inside a Basic credential, each cookie's value.
 */
export function credentialValues(name: string, value: string): string[] {
  if (isMarker(value)) return [];
  const scheme = AUTH_SCHEME.exec(value);
  const credential = scheme ? value.slice(scheme[0].length).trim() : value;
  // the scheme stays readable where the credential is replaced, unless the credential alone is too short to replace
  const out = credential === value ? [value] : isDistinctive(credential) ? [credential] : [credential, value];
  if (scheme && scheme[1]!.toLowerCase() === 'basic') {
    const decoded = fromBase64(credential);
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== undefined && colon >= 0) out.push(decoded, decoded.slice(colon + 1));
  }
  const lower = name.toLowerCase();
  if (lower === 'cookie' || lower === 'set-cookie') {
    const pairs = lower === 'cookie' ? value.split(';') : [value.split(';')[0]!];
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) out.push(pair.slice(eq + 1).trim());
    }
  }
  return out.filter((v) => v !== '');
}

const JSON_MEMBER = /(["'])([^"'\\\r\n]{1,80})\1(\s*:\s*)(?:"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)')/g;
/** a JSON member inside a JSON string (a server echoing a request body): `\"password\":\"x\"` */
const ESCAPED_MEMBER = /\\"([^"\\\r\n]{1,80})\\"(\s*:\s*)\\"((?:[^"\\\r\n]|\\[^"])*)\\"/g;
const XML_ELEMENT = /<([A-Za-z_][\w:.-]{0,79})>([^<]{1,4096})<\/\1>/g;
const HEADER_LINE = /^([A-Za-z][\w-]{0,79})(:[ \t]*)(\S[^\r\n]*)$/gm;
const PAIR = /(^|[?&#;\s"'(,])([A-Za-z_$][\w.$-]{0,79})=([^&#;\s"'<>)\\,]+)/g;
const FLAT_OBJECT = /\{[^{}]*\}/g;
const PATH_MEMBER = /"path"\s*:\s*"((?:[^"\\\r\n]|\\.)*)"/i;
const VALUE_MEMBER = /("value"\s*:\s*)"((?:[^"\\\r\n]|\\.)*)"/i;
const FORM = /^[\w.%+*$-]+=[^&\s]*(?:&[\w.%+*$-]+=[^&\s]*)*$/;

/**
 * Finds credentials by where they stand, whatever their value: URL parameters, form fields, JSON
 * members, XML elements and `name: value` lines named like secrets, and the values of secret headers.
 * Each value found is replaced and remembered (`found`), so the same value can be replaced wherever
 * else it shows up in the exchange. Every replacement is counted by kind, name and where it was.
 */
export class CredentialRules {
  /** credential values met so far, decoded (as a server would echo them) */
  readonly found = new Set<string>();
  private readonly tally = new Map<string, Replacement>();

  /** markers (`[REDACTED]`) this rule set accounted for, by place */
  private readonly attributed = new Map<string, number>();

  /**
   * `countEarlier`: a credential replaced before (by the engine, when it was received) counts as
   * replaced, so what is written says everything that was replaced, not only what this pass did.
   */
  constructor(
    private readonly extraSecretHeaders: readonly string[] = [],
    private readonly countEarlier = false,
  ) {}

  /** How many markers in `where` are accounted for by a named rule. */
  markersAttributed(where: string): number {
    return this.attributed.get(where) ?? 0;
  }

  count(kind: ReplacementKind, name: string | undefined, where: string, n = 1): void {
    if (n <= 0) return;
    const key = `${kind}\u0000${name ?? ''}\u0000${where}`;
    const entry = this.tally.get(key);
    if (entry) entry.count += n;
    else this.tally.set(key, { kind, ...(name !== undefined ? { name } : {}), where, count: n });
  }

  replacements(): Replacement[] {
    return [...this.tally.values()].map((r) => ({ ...r }));
  }

  /** User info, and query and fragment parameters named like credentials (`?access_token=…`). */
  url(url: string, where: string): string {
    let out = url;
    const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(out);
    if (userInfo && !this.already(userInfo[2]!, 'user-info', undefined, where)) {
      const colon = userInfo[2]!.indexOf(':');
      if (colon >= 0) this.learn(decode(userInfo[2]!.slice(colon + 1), false));
      out = `${userInfo[1]}${REDACTED}@${out.slice(userInfo[0].length)}`;
      this.count('user-info', undefined, where);
    }
    const start = out.search(/[?#]/);
    if (start < 0) return out;
    return out.slice(0, start) + this.pairs(out.slice(start), 'url-parameter', where, false);
  }

  /** Secret headers by name (keeping the auth scheme); the others as text. */
  headers(list: HeaderList, where: string): HeaderList {
    let out: HeaderList | undefined;
    list.forEach(([name, value], i) => {
      let clean: string;
      if (isSecretHeader(name, this.extraSecretHeaders)) {
        for (const v of credentialValues(name, value)) this.learn(v);
        clean = this.already(value, 'secret-header', name.toLowerCase(), where) ? value : replacement(value);
        if (clean !== value) this.count('secret-header', name.toLowerCase(), where);
      } else {
        clean = this.text(value, where);
      }
      if (clean !== value) (out ??= list.slice())[i] = [name, clean];
    });
    return out ?? list;
  }

  /** A body: a form's fields, or named members in JSON (parsed or not), XML and text. */
  body(text: string, where: string, contentType?: string): string {
    if (text.length === 0) return text;
    const trimmed = text.trim();
    if ((contentType ?? '').toLowerCase().includes('x-www-form-urlencoded') || (trimmed.length < 64 * 1024 && FORM.test(trimmed))) {
      return this.pairs(text, 'form-field', where, true);
    }
    return this.text(text, where);
  }

  /** Free text: JSON members (also escaped inside a JSON string), XML elements, header lines, `name=value` pairs. */
  text(text: string, where: string): string {
    if (text.length < 4 || !PARAMETER_STEMS.test(text)) return text;
    let out = text;
    if (MEMBER_STEMS.test(out)) {
      if (out.includes('"') || out.includes("'")) {
        out = out.replace(JSON_MEMBER, (match, quote: string, name: string, colon: string, double?: string, single?: string) => {
          const raw = double ?? single ?? '';
          if (!isSecretMember(name) || this.already(raw, 'json-member', name, where)) return match;
          this.learn(unescapeJson(raw));
          this.count('json-member', name, where);
          const q = double !== undefined ? '"' : "'";
          return `${quote}${name}${quote}${colon}${q}${replacement(raw)}${q}`;
        });
        if (out.includes('\\"')) {
          out = out.replace(ESCAPED_MEMBER, (match, name: string, colon: string, raw: string) => {
            if (!isSecretMember(name) || this.already(raw, 'json-member', name, where)) return match;
            this.learn(unescapeJson(unescapeJson(raw)));
            this.count('json-member', name, where);
            return `\\"${name}\\"${colon}\\"${replacement(raw)}\\"`;
          });
        }
      }
      if (out.includes('"path"') || out.includes('"Path"') || out.includes('"PATH"')) out = this.patchValues(out, where);
      if (out.includes('</')) {
        out = out.replace(XML_ELEMENT, (match, name: string, raw: string) => {
          if (!isSecretMember(name.replace(/^.*:/, '')) || this.already(raw.trim(), 'text-field', name, where)) return match;
          this.learn(raw.trim());
          this.count('text-field', name, where);
          return `<${name}>${REDACTED}</${name}>`;
        });
      }
      if (out.includes(':')) {
        out = out.replace(HEADER_LINE, (match, name: string, colon: string, raw: string) => {
          if (!isSecretHeader(name, this.extraSecretHeaders) || this.already(raw, 'text-field', name, where)) return match;
          for (const v of credentialValues(name, raw.trim())) this.learn(v);
          this.count('text-field', name, where);
          return `${name}${colon}${replacement(raw)}`;
        });
      }
    }
    if (out.includes('=')) {
      out = out.replace(PAIR, (match, before: string, name: string, raw: string) => {
        if (!isSecretParameter(name) || this.already(raw, 'text-field', name, where)) return match;
        this.learn(decode(raw, true));
        this.count('text-field', name, where);
        return `${before}${name}=${REDACTED}`;
      });
    }
    return out;
  }

  /**
   * PATCH operations whose `path` names a credential attribute (`{"op":"replace","path":"password",
   * "value":"…"}`): their string `value`, whatever order the members come in.
   */
  private patchValues(text: string, where: string): string {
    return text.replace(FLAT_OBJECT, (object) => {
      const path = PATH_MEMBER.exec(object)?.[1];
      const attribute = path === undefined ? undefined : attributeSegments(unescapeJson(path)).at(-1);
      if (attribute === undefined || !isSecretMember(attribute)) return object;
      return object.replace(VALUE_MEMBER, (match, before: string, raw: string) => {
        if (this.already(raw, 'json-member', attribute, where)) return match;
        this.learn(unescapeJson(raw));
        this.count('json-member', attribute, where);
        return `${before}"${REDACTED}"`;
      });
    });
  }

  /** `?a=1&b=2#c=3` or a form body: each pair named like a credential loses its value. */
  private pairs(text: string, kind: ReplacementKind, where: string, form: boolean): string {
    if (!PARAMETER_STEMS.test(text)) return text;
    return text.replace(/([?#&]|^)([^=&#]+)=([^&#]*)/g, (match, separator: string, rawName: string, raw: string) => {
      const name = decode(rawName, true);
      if (!isSecretParameter(name) || this.already(decode(raw, false), kind, name, where)) return match;
      const value = decode(raw, form || kind === 'url-parameter');
      this.learn(value);
      this.count(kind, name, where);
      return `${separator}${rawName}=${REDACTED}`;
    });
  }

  /** Whether a credential's value is empty or replaced already (counted, with `countEarlier`). */
  private already(raw: string, kind: ReplacementKind, name: string | undefined, where: string): boolean {
    if (raw === '') return true;
    const markers = raw.split(REDACTED).length - 1 + raw.split(ENCODED_MARKER).length - 1;
    if (markers === 0) return false;
    if (this.countEarlier) {
      this.count(kind, name, where);
      this.attributed.set(where, this.markersAttributed(where) + markers);
    }
    return true;
  }

  private learn(value: string): void {
    if (value !== '' && !isMarker(value)) this.found.add(value);
  }
}
