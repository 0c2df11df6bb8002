import type { HeaderList } from '../model/exchange';
import { attributeSegments, PersonalDataPaths } from './attribute-paths';
import { filterComparisons } from './filter-values';
import { isSecretHeader } from './headers';
import { Pseudonyms } from './pseudonyms';
import { REDACTED } from './secret-scrubber';
import type { RedactionOptions, RedactionPreview } from './options';

/** What the redactor needs to know about secrets: `SecretScrubber` is one. */
export interface SecretValues {
  scrub(text: string): string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const AUTH_SCHEME = /^(Bearer|Basic|Digest|Negotiate|NTLM|SSWS|Token)\s+/i;
/** keys whose string value is a SCIM filter or path, scanned for compared values */
const FILTER_KEYS = new Set(['filter', 'path']);

const countOf = (text: string, part: string) => (text.length === 0 ? 0 : text.split(part).length - 1);

function safeDecode(text: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): Json | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * THE redactor: every export and log path goes through one of these. It replaces
 * - the value of secret headers (Authorization, Proxy-Authorization, Cookie, Set-Cookie, the
 *   endpoint's API-key header), keeping an auth scheme such as "Bearer" visible;
 * - every known secret value, wherever it appears (URL, query, headers, bodies);
 * - the values of ticked personal-data attributes, by consistent pseudonyms: the same email
 *   becomes the same placeholder in every body, URL filter and header of one export.
 *
 * Two passes make the pseudonyms consistent across documents: `observe…` everything first,
 * then `redact…` everything. Values first met during `redact…` are still replaced.
 */
export class Redactor {
  private readonly paths: PersonalDataPaths;
  private readonly pseudonyms = new Pseudonyms();
  private readonly extraSecretHeaders: string[];
  private readonly secretHeaderCounts = new Map<string, number>();
  private secretValueCount = 0;

  constructor(
    private readonly secrets: SecretValues,
    options: Partial<RedactionOptions> = {},
  ) {
    this.paths = new PersonalDataPaths(options.personalData ?? []);
    this.extraSecretHeaders = options.secretHeaders ?? [];
  }

  // ---- pass 1: learn the personal-data values -------------------------------------------

  observeBody(text: string | undefined): void {
    if (!text) return;
    const json = parseJson(text);
    if (json !== undefined) this.walk(json, [], false);
  }

  observeUrl(url: string): void {
    const query = url.split('#')[0]!.split('?').slice(1).join('?');
    for (const pair of query.split('&')) {
      const value = safeDecode(pair.slice(pair.indexOf('=') + 1), true);
      if (value) this.observeFilter(value);
    }
  }

  observeFilter(text: string): void {
    for (const { segments, value } of filterComparisons(text)) this.consider(value, segments, false);
  }

  // ---- pass 2: redact ---------------------------------------------------------------------

  /** Free text: known secrets, then known personal-data values. */
  redactText(text: string): string {
    return this.pseudonyms.replaceInText(this.scrubSecrets(text));
  }

  redactHeaders(headers: HeaderList): HeaderList {
    return headers.map(([name, value]) => {
      if (isSecretHeader(name, this.extraSecretHeaders)) {
        const scheme = AUTH_SCHEME.exec(value)?.[1];
        const replacement = scheme ? `${scheme} ${REDACTED}` : REDACTED;
        // counted even when already replaced upstream: the preview lists every credential header the export holds
        this.secretHeaderCounts.set(name.toLowerCase(), (this.secretHeaderCounts.get(name.toLowerCase()) ?? 0) + 1);
        return [name, replacement];
      }
      return [name, this.redactText(value)];
    });
  }

  /** A URL: user info, every path segment and query value, decoded before and re-encoded after. */
  redactUrl(url: string): string {
    this.observeUrl(url);
    const scrubbed = this.scrubSecrets(url);
    const hashAt = scrubbed.indexOf('#');
    const withoutHash = hashAt < 0 ? scrubbed : scrubbed.slice(0, hashAt);
    const hash = hashAt < 0 ? '' : `#${this.redactComponent(scrubbed.slice(hashAt + 1), false)}`;
    const queryAt = withoutHash.indexOf('?');
    const base = queryAt < 0 ? withoutHash : withoutHash.slice(0, queryAt);
    const query = queryAt < 0 ? undefined : withoutHash.slice(queryAt + 1);
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(base)?.[0] ?? '';
    const path = base.slice(origin.length);
    const cleanOrigin = origin.replace(/\/\/([^@/]*)@/, () => `//${encodeURIComponent(REDACTED)}@`);
    const cleanPath = path
      .split('/')
      .map((segment) => this.redactComponent(segment, false))
      .join('/');
    const cleanQuery =
      query === undefined
        ? ''
        : `?${query
            .split('&')
            .map((pair) => {
              const eq = pair.indexOf('=');
              if (eq < 0) return this.redactComponent(pair, true);
              return `${this.redactComponent(pair.slice(0, eq), true)}=${this.redactComponent(pair.slice(eq + 1), true)}`;
            })
            .join('&')}`;
    return `${cleanOrigin}${cleanPath}${cleanQuery}${hash}`;
  }

  /**
   * A body: JSON is redacted attribute by attribute (and keeps its layout when nothing changed);
   * anything else as text.
   */
  redactBody(text: string): string {
    if (text.length === 0) return text;
    const json = parseJson(text);
    if (json === undefined) return this.redactText(text);
    this.walk(json, [], false);
    const redacted = this.walk(json, [], true);
    const compact = JSON.stringify(json);
    const out = JSON.stringify(redacted);
    if (out === compact) return this.redactText(text);
    return text.includes('\n') ? JSON.stringify(redacted, null, 2) : out;
  }

  /** Every string inside a structured value (an error object…), as text. */
  redactStrings<T>(value: T): T {
    return this.walkText(value as Json) as T;
  }

  /** What was redacted so far: shown before an export, returned with it. */
  preview(): RedactionPreview {
    const pseudonyms = this.pseudonyms.entries();
    return {
      secretHeaders: [...this.secretHeaderCounts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name)),
      secretValues: this.secretValueCount,
      personalData: pseudonyms
        .filter((p) => !this.paths.isAlwaysRedacted(p.path))
        .map((p) => ({ path: p.path, original: p.original, pseudonym: p.pseudonym, count: p.count })),
      alwaysRedacted: pseudonyms.filter((p) => this.paths.isAlwaysRedacted(p.path)).reduce((sum, p) => sum + p.count, 0),
      paths: this.paths.list(),
      replacements: [],
    };
  }

  // ---- internals ---------------------------------------------------------------------------

  private scrubSecrets(text: string): string {
    const out = this.secrets.scrub(text);
    if (out !== text) this.secretValueCount += countOf(out, REDACTED) - countOf(text, REDACTED);
    return out;
  }

  private redactComponent(component: string, plusIsSpace: boolean): string {
    const decoded = safeDecode(component, plusIsSpace);
    if (decoded === undefined) return this.redactText(component);
    const clean = this.redactText(decoded);
    return clean === decoded ? component : encodeURIComponent(clean);
  }

  /** Registers `value` when `segments` is a ticked path; returns its replacement, if any. */
  private consider(value: string, segments: readonly string[], count: boolean): string | undefined {
    const path = this.paths.match(segments);
    // a value replaced already (a credential) is no personal data to learn
    if (!path || value === '' || value.includes(REDACTED)) return undefined;
    this.pseudonyms.register(value, path, segments, this.paths.isAlwaysRedacted(path));
    return count ? this.pseudonyms.use(value) : undefined;
  }

  /**
   * Walks a SCIM document. `segments` is the attribute path from the resource root; resource
   * roots restart at list members (`Resources`), PATCH operation values (at their `path`),
   * bulk operation data; schema-extension objects (`urn:…`) add no segment.
   */
  private walk(value: Json, segments: string[], apply: boolean): Json {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      const replaced = this.consider(text, segments, apply);
      if (!apply) return value;
      if (replaced !== undefined) return replaced;
      return typeof value === 'string' ? this.redactText(value) : value;
    }
    if (value === null || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((item) => this.walk(item, segments, apply));
    const out: { [key: string]: Json } = {};
    for (const [rawKey, child] of Object.entries(value)) {
      const key = apply ? this.redactText(rawKey) : rawKey;
      const lower = key.toLowerCase();
      if (segments.length === 0 && lower === 'resources' && Array.isArray(child)) {
        out[key] = child.map((item) => this.walk(item, [], apply));
      } else if (segments.length === 0 && lower === 'operations' && Array.isArray(child)) {
        out[key] = child.map((op) => this.walkOperation(op, apply));
      } else if (/^urn:/i.test(key) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        out[key] = this.walk(child, segments, apply);
      } else if (FILTER_KEYS.has(lower) && typeof child === 'string' && segments.length === 0) {
        this.observeFilter(child);
        out[key] = apply ? this.redactText(child) : child;
      } else {
        out[key] = this.walk(child, [...segments, key], apply);
      }
    }
    return out;
  }

  private walkOperation(op: Json, apply: boolean): Json {
    if (op === null || typeof op !== 'object' || Array.isArray(op)) return this.walk(op, [], apply);
    const out: { [key: string]: Json } = {};
    const pathKey = Object.keys(op).find((k) => k.toLowerCase() === 'path');
    const path = pathKey ? op[pathKey] : undefined;
    const valueSegments = typeof path === 'string' ? attributeSegments(path) : [];
    if (typeof path === 'string') this.observeFilter(path);
    for (const [key, child] of Object.entries(op)) {
      const lower = key.toLowerCase();
      if (lower === 'value') out[key] = this.walk(child, valueSegments, apply);
      else if (lower === 'data') out[key] = this.walk(child, [], apply);
      else out[apply ? this.redactText(key) : key] = apply ? this.walkText(child) : child;
    }
    return out;
  }

  private walkText(value: Json): Json {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.walkText(v));
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [key, child] of Object.entries(value)) out[this.redactText(key)] = this.walkText(child);
      return out;
    }
    return value;
  }
}
