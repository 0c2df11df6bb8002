import { base64Utf8 as base64 } from '../util/base64';

export const REDACTED = '[REDACTED]';

/** Shortest secret worth replacing by value; shorter ones would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;


/** The spellings a secret value can take once it is put in a URL, a JSON string or a Basic header. */
export function secretSpellings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), base64(value)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Knows every secret value main holds (vault entries, the sandbox token, OAuth access tokens)
 * and replaces each of them, in any of its usual spellings, wherever it appears in a text.
 */
export class SecretScrubber {
  private readonly values = new Map<string, string[]>();
  private sorted: string[] = [];

  add(value: string | undefined | null): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    this.values.set(value, secretSpellings(value));
    this.resort();
  }

  remove(value: string): void {
    if (this.values.delete(value)) this.resort();
  }

  get size(): number {
    return this.values.size;
  }

  /** Every spelling of every secret, longest first (so a longer secret wins over one it contains). */
  spellings(): readonly string[] {
    return this.sorted;
  }

  scrub(text: string): string {
    if (this.sorted.length === 0 || text.length === 0) return text;
    let out = text;
    for (const form of this.sorted) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
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
    this.sorted = [...new Set([...this.values.values()].flat())].sort((a, b) => b.length - a.length);
  }
}
