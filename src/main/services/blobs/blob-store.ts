import { randomUUID } from 'node:crypto';
import { fail } from '@shared/api/errors';

export interface BlobInfo {
  id: string;
  size: number;
  contentType: string;
  createdAt: number;
}

interface StoredBlob extends BlobInfo {
  /** the counter in the id: the map's key (a number is cheaper to hash than the id) */
  key: number;
  data: Buffer;
  /** neighbours in recency order (older, newer) */
  older: StoredBlob | undefined;
  newer: StoredBlob | undefined;
}

export interface BlobStoreOptions {
  /** total bytes kept; the least recently used blobs are dropped past it */
  budgetBytes?: number;
}

/**
 * Large bodies stay in main and are addressed by id; the renderer asks for ranges.
 * Bounded by a byte budget with least-recently-used eviction. Recency is a list through the blobs
 * themselves: evicting takes the oldest at once, where walking the map from its start would first
 * step over every entry deleted since the map last compacted (hundreds, in a store that is full).
 */
export class BlobStore {
  private readonly blobs = new Map<number, StoredBlob>();
  private oldest: StoredBlob | undefined;
  private newest: StoredBlob | undefined;
  private total = 0;
  /** ids are this store's random prefix and a counter: unique, and cheaper than a UUID per body */
  private readonly idPrefix = `${randomUUID()}-`;
  private count = 0;
  private readonly budget: number;

  constructor(options: BlobStoreOptions = {}) {
    this.budget = options.budgetBytes ?? 512 * 1024 * 1024;
  }

  put(data: Uint8Array, contentType = 'application/octet-stream'): BlobInfo {
    const key = this.count++;
    const blob: StoredBlob = {
      id: `${this.idPrefix}${key.toString(36)}`,
      key,
      size: data.byteLength,
      contentType,
      createdAt: Date.now(),
      data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      older: undefined,
      newer: undefined,
    };
    this.blobs.set(key, blob);
    this.append(blob);
    this.total += blob.size;
    if (this.total > this.budget) this.evict(blob);
    return this.describe(blob);
  }

  has(id: string): boolean {
    return this.find(id) !== undefined;
  }

  info(id: string): BlobInfo {
    return this.describe(this.get(id));
  }

  /** Bytes `[start, end)` of a blob; `end` is clamped to its size. */
  read(id: string, start = 0, end?: number): Buffer {
    const blob = this.get(id);
    const stop = Math.min(end ?? blob.size, blob.size);
    if (start > stop) throw fail('validation', `Range start ${start} is past the end of blob ${id} (${blob.size} bytes)`, { issues: [{ path: 'start', message: 'past the end' }] });
    return blob.data.subarray(start, stop);
  }

  delete(id: string): void {
    const blob = this.find(id);
    if (blob) this.drop(blob);
  }

  get bytes(): number {
    return this.total;
  }

  private get(id: string): StoredBlob {
    const blob = this.find(id);
    if (!blob) throw fail('not-found', `No body with id ${id}: it was released to stay within the memory budget, or never existed`, { what: 'blob' });
    if (blob !== this.newest) {
      this.unlink(blob);
      this.append(blob);
    }
    return blob;
  }

  /** Drops the least recently used blobs until the budget holds (never `keep`, the one just added). */
  private evict(keep: StoredBlob): void {
    for (let blob = this.oldest; blob && this.total > this.budget; ) {
      const next = blob.newer;
      if (blob !== keep) this.drop(blob);
      blob = next;
    }
  }

  private drop(blob: StoredBlob): void {
    this.blobs.delete(blob.key);
    this.unlink(blob);
    this.total -= blob.size;
  }

  private append(blob: StoredBlob): void {
    blob.older = this.newest;
    blob.newer = undefined;
    if (this.newest) this.newest.newer = blob;
    else this.oldest = blob;
    this.newest = blob;
  }

  private unlink(blob: StoredBlob): void {
    if (blob.older) blob.older.newer = blob.newer;
    else this.oldest = blob.newer;
    if (blob.newer) blob.newer.older = blob.older;
    else this.newest = blob.older;
    blob.older = blob.newer = undefined;
  }

  private find(id: string): StoredBlob | undefined {
    if (!id.startsWith(this.idPrefix)) return undefined;
    const digits = id.slice(this.idPrefix.length);
    const key = Number.parseInt(digits, 36);
    return Number.isSafeInteger(key) && key.toString(36) === digits ? this.blobs.get(key) : undefined;
  }

  private describe(blob: StoredBlob): BlobInfo {
    return { id: blob.id, size: blob.size, contentType: blob.contentType, createdAt: blob.createdAt };
  }
}
