import type { SecretScrubber } from '@shared/redact/secret-scrubber';

/** Bytes per gram: one 32-bit read of the body. */
const Q = 4;
/** Needles at least this long are found by sampling; shorter ones by `Buffer.indexOf`. */
const SAMPLED_MIN = 16;
const BUCKET_BITS = 12;

interface GramEntry {
  gram: number;
  needle: Buffer;
  /** where the gram starts inside the needle */
  offset: number;
}

const gramAt = (bytes: Uint8Array, i: number) => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) | 0;
const bucketOf = (gram: number) => Math.imul(gram, 0x9e3779b1) >>> (32 - BUCKET_BITS);

function occursAt(haystack: Uint8Array, start: number, needle: Uint8Array): boolean {
  if (start < 0 || start + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) return false;
  return true;
}

/**
 * Tells whether any of a fixed set of byte strings occurs in a buffer, in one pass instead of one
 * search per needle. Every occurrence of a needle of length m ≥ `SAMPLED_MIN` covers a whole gram
 * starting at a multiple of `step` = (shortest sampled needle) − Q + 1, because any m − Q + 1
 * consecutive positions hold such a multiple. So it reads the gram at every multiple of `step`,
 * looks it up among the grams of every needle at every offset, and compares the needle's bytes
 * where one matches. Shorter needles would make the step too small to pay off: `Buffer.indexOf`.
 */
export class NeedleSet {
  private readonly short: Buffer[];
  private readonly buckets: (GramEntry[] | undefined)[] = new Array(1 << BUCKET_BITS);
  /** 0 when no needle is long enough to be sampled */
  private readonly step: number = 0;

  constructor(needles: readonly Buffer[]) {
    const sampled = needles.filter((n) => n.length >= SAMPLED_MIN);
    this.short = needles.filter((n) => n.length > 0 && n.length < SAMPLED_MIN);
    if (sampled.length === 0) return;
    this.step = Math.min(...sampled.map((n) => n.length)) - Q + 1;
    for (const needle of sampled) {
      for (let offset = 0; offset + Q <= needle.length; offset++) {
        const gram = gramAt(needle, offset);
        (this.buckets[bucketOf(gram)] ??= []).push({ gram, needle, offset });
      }
    }
  }

  foundIn(haystack: Buffer): boolean {
    for (const needle of this.short) if (haystack.indexOf(needle) !== -1) return true;
    if (this.step === 0) return false;
    const last = haystack.length - Q;
    for (let at = 0; at <= last; at += this.step) {
      const gram = gramAt(haystack, at);
      const bucket = this.buckets[bucketOf(gram)];
      if (bucket === undefined) continue;
      for (const entry of bucket) if (entry.gram === gram && occursAt(haystack, at - entry.offset, entry.needle)) return true;
    }
    return false;
  }
}

/** Every spelling of every secret as a needle set, rebuilt only when the scrubber learns a new one. */
const sets = new WeakMap<readonly string[], NeedleSet>();

/** Whether any known secret is in the bytes, searched as bytes (no decoding of the body). */
export function bytesContainSecret(bytes: Buffer, scrubber: SecretScrubber): boolean {
  const spellings = scrubber.spellings();
  if (spellings.length === 0 || bytes.length === 0) return false;
  let set = sets.get(spellings);
  if (!set) sets.set(spellings, (set = new NeedleSet(spellings.map((s) => Buffer.from(s, 'utf8')))));
  return set.foundIn(bytes);
}
