import { REDACTED } from './secret-scrubber';

export interface PseudonymEntry {
  /** the value as first seen */
  original: string;
  pseudonym: string;
  /** the ticked path it was found under */
  path: string;
  /** how many times it was replaced */
  count: number;
}

/** Shortest value that is also replaced inside free text (URLs, headers, other strings). */
const MIN_TEXT_LENGTH = 3;

/**
 * A value counts only as a whole word: not inside a longer word, a user name or an email
 * (`Ana` is not replaced in `Banana` nor in `ana@x.org`; a sentence's full stop still ends it).
 */
const WORD_START = String.raw`(?<![\p{L}\p{N}_@-]|[\p{L}\p{N}]\.)`;
const WORD_END = String.raw`(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `emails.value` → `email`, `name.givenName` → `givenName`, `addresses` → `address`. */
function labelFor(path: string, segments: readonly string[]): string {
  const leaf = segments[segments.length - 1] ?? path;
  if (path.toLowerCase().startsWith('emails')) return 'email';
  if (path.toLowerCase().startsWith('phonenumbers')) return 'phone';
  if (path.toLowerCase() === 'addresses' && segments.length <= 1) return 'address';
  return leaf.toLowerCase() === 'value' ? (segments[segments.length - 2] ?? leaf) : leaf;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function pseudonymFor(label: string, n: number): string {
  if (label === 'email') return `email-${n}@redacted.invalid`;
  return `${label}-${n}`;
}

/**
 * Consistent replacements within one export: the same value (case-insensitively) gets the same
 * placeholder wherever it is found, so the redacted log still reads as one story.
 */
export class Pseudonyms {
  private readonly byKey = new Map<string, PseudonymEntry>();
  private readonly counters = new Map<string, number>();
  private textPattern: RegExp | null | undefined;
  private readonly textReplacements = new Map<string, PseudonymEntry>();

  /**
   * The placeholder for `value` found under ticked `path` (at attribute `segments`);
   * `always` paths (password) are replaced by the plain marker, not a pseudonym.
   */
  register(value: string, path: string, segments: readonly string[], always = false): string {
    const key = value.toLowerCase();
    const known = this.byKey.get(key);
    if (known) return known.pseudonym;
    let pseudonym = REDACTED;
    if (!always) {
      // an email is an email wherever it is found (a userName often is one): its placeholder stays email-shaped
      const label = EMAIL.test(value) ? 'email' : labelFor(path, segments);
      const n = (this.counters.get(label) ?? 0) + 1;
      this.counters.set(label, n);
      pseudonym = pseudonymFor(label, n);
    }
    const entry: PseudonymEntry = { original: value, pseudonym, path, count: 0 };
    this.byKey.set(key, entry);
    this.textPattern = undefined;
    return pseudonym;
  }

  /** The placeholder for a value already registered, counting the use. */
  use(value: string): string | undefined {
    const entry = this.byKey.get(value.toLowerCase());
    if (!entry) return undefined;
    entry.count++;
    return entry.pseudonym;
  }

  /** Replaces every registered value that stands as a whole word in `text` (raw or URL-encoded). */
  replaceInText(text: string): string {
    const pattern = this.pattern();
    if (!pattern || text.length === 0) return text;
    return text.replace(pattern, (match) => {
      const entry = this.textReplacements.get(match.toLowerCase());
      if (!entry) return match;
      entry.count++;
      return match.toLowerCase() === entry.original.toLowerCase() ? entry.pseudonym : encodeURIComponent(entry.pseudonym);
    });
  }

  get size(): number {
    return this.byKey.size;
  }

  entries(): PseudonymEntry[] {
    return [...this.byKey.values()].map((e) => ({ ...e }));
  }

  private pattern(): RegExp | null {
    if (this.textPattern !== undefined) return this.textPattern;
    this.textReplacements.clear();
    for (const entry of this.byKey.values()) {
      if (entry.original.length < MIN_TEXT_LENGTH) continue;
      this.textReplacements.set(entry.original.toLowerCase(), entry);
      const encoded = encodeURIComponent(entry.original);
      if (encoded !== entry.original) this.textReplacements.set(encoded.toLowerCase(), entry);
    }
    const forms = [...this.textReplacements.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.textPattern = forms.length === 0 ? null : new RegExp(`${WORD_START}(?:${forms.join('|')})${WORD_END}`, 'giu');
    return this.textPattern;
  }
}
