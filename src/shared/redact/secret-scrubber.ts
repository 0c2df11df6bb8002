import { base64Utf8 as base64 } from '../util/base64';
import { isDistinctive } from './weak-secrets';

export const REDACTED = '[REDACTED]';

/** Shortest value `add` accepts; shorter ones would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

/** `application/x-www-form-urlencoded` as URLSearchParams writes it (space as `+`, `!'()~` escaped). */
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The escaped forms a text takes inside a URL, a form body or a JSON string (as servers write them). */
export function escapedSpellings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [value, encodeURIComponent(value), formEncode(value), json];
  // PHP's json_encode escapes `/` and every non-ASCII character; other writers one of the two
  const slashes = (text: string) => text.replace(/\//g, '\\/');
  const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  forms.push(slashes(json), ascii(json), ascii(slashes(json)));
  return [...new Set(forms)];
}

/** The spellings a secret value can take once it is put in a URL, a form, a JSON string or a Basic header. */
export function secretSpellings(value: string): string[] {
  const forms = new Set([...escapedSpellings(value), base64(value)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** What one holder (a vault entry, an endpoint's wire credentials) has the scrubber know. */
export interface Holding {
  /** secret values: every spelling of each is replaced (values too common or short to tell apart from text are left out) */
  secrets?: readonly (string | undefined)[];
  /** exact texts the engine put on the wire (`Basic dXNlcjpwdw==`): replaced as written and in escaped forms */
  wire?: readonly (string | undefined)[];
}

const EXCHANGE_OWNER = '\u0000exchange';

function holdingSpellings(holding: Holding): string[] {
  const out = new Set<string>();
  for (const value of holding.secrets ?? []) if (value && isDistinctive(value)) for (const form of secretSpellings(value)) out.add(form);
  for (const value of holding.wire ?? []) if (value && isDistinctive(value)) for (const form of escapedSpellings(value)) out.add(form);
  return [...out];
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Knows every secret value main holds (vault entries, the wire values the engine sent, the sandbox
 * token, OAuth access tokens) and replaces each of them, in any of its usual spellings, wherever it
 * appears in a text. A value held by an owner (`hold`) is forgotten once no owner holds it any more.
 */
export class SecretScrubber {
  /** values learned for the life of the process (machine-made tokens) */
  private readonly permanent = new Map<string, string[]>();
  /** owner → the spellings it holds */
  private readonly held = new Map<string, string[]>();
  private sorted: string[] = [];

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.permanent.has(value)) return;
    this.permanent.set(value, secretSpellings(value));
    this.resort();
  }

  remove(value: string): void {
    if (this.permanent.delete(value)) this.resort();
  }

  /** `owner` now holds exactly `holding`: what it held before and no one else holds is forgotten. */
  hold(owner: string, holding: Holding): void {
    const spellings = holdingSpellings(holding);
    if (spellings.length === 0) return this.release(owner);
    if (sameList(this.held.get(owner), spellings)) return;
    this.held.set(owner, spellings);
    this.resort();
  }

  release(owner: string): void {
    if (this.held.delete(owner)) this.resort();
  }

  /**
   * A scrubber for one exchange: everything this one knows, plus the credentials found in that
   * exchange (a token typed into an Authorization header, an `access_token` in its URL…).
   * Returns this scrubber itself when there is nothing to add.
   */
  withExchange(holding: Holding): SecretScrubber {
    const spellings = holdingSpellings(holding);
    if (spellings.length === 0) return this;
    const scoped = new SecretScrubber();
    for (const [value, forms] of this.permanent) scoped.permanent.set(value, forms);
    for (const [owner, forms] of this.held) scoped.held.set(owner, forms);
    scoped.held.set(EXCHANGE_OWNER, spellings);
    scoped.resort();
    return scoped;
  }

  /** How many secrets are known (values and holders). */
  get size(): number {
    return this.permanent.size + this.held.size;
  }

  /** Every spelling of every secret, longest first (so a longer secret wins over one it contains). */
  spellings(): readonly string[] {
    return this.sorted;
  }

  scrub(text: string): string {
    if (this.sorted.length === 0 || text.length === 0) return text;
    let out = text;
    for (const form of this.sorted) {
      if (form.length <= out.length && out.includes(form)) out = out.split(form).join(REDACTED);
    }
    return out;
  }

  contains(text: string): boolean {
    return this.sorted.some((form) => form.length <= text.length && text.includes(form));
  }

  /** Whether any of the texts holds a secret (cheaper than joining them: most are shorter than any secret). */
  containsAny(texts: readonly string[]): boolean {
    for (const form of this.sorted) {
      for (const text of texts) if (form.length <= text.length && text.includes(form)) return true;
    }
    return false;
  }

  private resort(): void {
    this.sorted = [...new Set([...this.permanent.values(), ...this.held.values()].flat())].sort((a, b) => b.length - a.length);
  }
}
