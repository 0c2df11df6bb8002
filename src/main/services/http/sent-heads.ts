import type { HeaderList } from '@shared/model/exchange';
import { redactHeaders } from '@shared/redact/headers';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { parseRequestHead } from './wire-headers';

interface Entry {
  head: string;
  /** the endpoint's extra secret header names, joined */
  extra: string;
  /** the scrubber's spellings when the entry was made: a new or removed secret makes a new array */
  spellings: readonly string[];
  headers: HeaderList;
}

const NUL = '\u0000';

function frozen(list: HeaderList): HeaderList {
  for (const row of list) Object.freeze(row);
  return Object.freeze(list) as HeaderList;
}

/**
 * The headers of a request head as undici wrote it, secret headers redacted and every known secret
 * scrubbed. Requests repeat the same head (same endpoint, path and headers), so the last few are
 * remembered: an entry serves only the same head text, the same secret header names and the same set
 * of known secrets. Lists handed out are frozen, since exchanges share them.
 */
export class SentHeads {
  private readonly entries = new Map<string, Entry>();
  /** the entry used last: most requests repeat the one before, and comparing is cheaper than hashing the head */
  private last: Entry | undefined;

  constructor(private readonly capacity = 32) {}

  describe(head: string, extraSecretHeaders: readonly string[], scrubber: SecretScrubber): HeaderList {
    const spellings = scrubber.spellings();
    const extra = extraSecretHeaders.length === 0 ? '' : extraSecretHeaders.join(NUL);
    const last = this.last;
    const entry = last !== undefined && last.head.length === head.length && last.head === head ? last : this.entries.get(head);
    if (entry && entry.spellings === spellings && entry.extra === extra) {
      this.last = entry;
      return entry.headers;
    }
    const redacted = redactHeaders(parseRequestHead(head), extraSecretHeaders);
    const values = redacted.map(([, value]) => value);
    const headers = frozen(scrubber.containsAny(values) ? redacted.map(([name, value]) => [name, scrubber.scrub(value)]) : redacted);
    if (entry) this.entries.delete(head);
    else if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.last = { head, extra, spellings, headers };
    this.entries.set(head, this.last);
    return headers;
  }
}
