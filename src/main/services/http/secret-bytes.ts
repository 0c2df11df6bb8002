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

/** A gram as the body's words read it: 4 bytes in the platform's byte order. */
const scratch = new Uint8Array(Q);
const scratchWord = new Int32Array(scratch.buffer);
function gramAt(bytes: Uint8Array, i: number): number {
  scratch.set(bytes.subarray(i, i + Q));
  return scratchWord[0]!;
}
const bucketOf = (gram: number) => Math.imul(gram, 0x9e3779b1) >>> (32 - BUCKET_BITS);

function occursAt(haystack: Uint8Array, start: number, needle: Uint8Array): boolean {
  if (start < 0 || start + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) return false;
  return true;
}

/**
 * Tells whether any of a fixed set of byte strings occurs in a buffer, in one pass instead of one
 * search per needle. An occurrence of a needle of length m ≥ `SAMPLED_MIN` holds a whole gram at each
 * of its m − Q + 1 first positions, so reading one gram every `step` ≤ (shortest sampled needle) − Q + 1
 * bytes, from a start under `step`, meets every occurrence. Each gram read is looked up among the grams
 * of every needle at every offset, and the needle's bytes are compared where one matches. The grams read
 * are aligned words (`step` is a whole number of them). Shorter needles would make the step too small
 * to pay off: `Buffer.indexOf` finds those.
 */
export class NeedleSet {
  private readonly short: Buffer[];
  private readonly buckets: (GramEntry[] | undefined)[] = new Array(1 << BUCKET_BITS);
  /** one bit per bucket that holds a gram: a small table to test first, where most reads end */
  private readonly filled = new Int32Array(1 << (BUCKET_BITS - 5));
  /** words (of Q bytes) from one sampled gram to the next; 0 when no needle is long enough to be sampled */
  private readonly stride: number = 0;

  constructor(needles: readonly Buffer[]) {
    const sampled = needles.filter((n) => n.length >= SAMPLED_MIN);
    this.short = needles.filter((n) => n.length > 0 && n.length < SAMPLED_MIN);
    if (sampled.length === 0) return;
    this.stride = Math.floor((Math.min(...sampled.map((n) => n.length)) - Q + 1) / Q);
    for (const needle of sampled) {
      for (let offset = 0; offset + Q <= needle.length; offset++) {
        const gram = gramAt(needle, offset);
        const bucket = bucketOf(gram);
        this.filled[bucket >>> 5]! |= 1 << (bucket & 31);
        (this.buckets[bucket] ??= []).push({ gram, needle, offset });
      }
    }
  }

  foundIn(haystack: Buffer): boolean {
    for (const needle of this.short) if (haystack.indexOf(needle) !== -1) return true;
    if (this.stride === 0) return false;
    // whole words from the first 4-aligned byte: each sampled gram is one aligned read
    const skip = -haystack.byteOffset & (Q - 1);
    if (haystack.length < skip + Q) return false;
    const words = new Int32Array(haystack.buffer, haystack.byteOffset + skip, (haystack.length - skip) >> 2);
    const { filled, stride } = this;
    for (let w = 0; w < words.length; w += stride) {
      const gram = words[w]!;
      const bucket = bucketOf(gram);
      if ((filled[bucket >>> 5]! & (1 << (bucket & 31))) === 0) continue;
      const at = skip + w * Q;
      for (const entry of this.buckets[bucket]!) if (entry.gram === gram && occursAt(haystack, at - entry.offset, entry.needle)) return true;
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
