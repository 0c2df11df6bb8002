import { randomUUID } from 'node:crypto';
import { fail } from '@shared/api/errors';

export interface BlobInfo {
  id: string;
  size: number;
  contentType: string;
  createdAt: number;
}

interface StoredBlob extends BlobInfo {
  data: Buffer;
}

export interface BlobStoreOptions {
  /** total bytes kept; the least recently used blobs are dropped past it */
  budgetBytes?: number;
}

/**
 * Large bodies stay in main and are addressed by id; the renderer asks for ranges.
 * Bounded by a byte budget with least-recently-used eviction.
 */
export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();
  private total = 0;
  /** ids are this store's random prefix and a counter: unique, and cheaper than a UUID per body */
  private readonly idPrefix = `${randomUUID()}-`;
  private count = 0;
  private readonly budget: number;

  constructor(options: BlobStoreOptions = {}) {
    this.budget = options.budgetBytes ?? 512 * 1024 * 1024;
  }

  put(data: Uint8Array, contentType = 'application/octet-stream'): BlobInfo {
    const blob: StoredBlob = {
      id: `${this.idPrefix}${(this.count++).toString(36)}`,
      size: data.byteLength,
      contentType,
      createdAt: Date.now(),
      data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    };
    this.blobs.set(blob.id, blob);
    this.total += blob.size;
    if (this.total > this.budget) this.evict(blob.id);
    return this.describe(blob);
  }

  has(id: string): boolean {
    return this.blobs.has(id);
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
    const blob = this.blobs.get(id);
    if (!blob) return;
    this.blobs.delete(id);
    this.total -= blob.size;
  }

  get bytes(): number {
    return this.total;
  }

  private get(id: string): StoredBlob {
    const blob = this.blobs.get(id);
    if (!blob) throw fail('not-found', `No body with id ${id}: it was released to stay within the memory budget, or never existed`, { what: 'blob' });
    // refresh recency
    this.blobs.delete(id);
    this.blobs.set(id, blob);
    return blob;
  }

  private evict(keep: string): void {
    for (const [id, blob] of this.blobs) {
      if (this.total <= this.budget) break;
      if (id === keep) continue;
      this.blobs.delete(id);
      this.total -= blob.size;
    }
  }

  private describe(blob: StoredBlob): BlobInfo {
    return { id: blob.id, size: blob.size, contentType: blob.contentType, createdAt: blob.createdAt };
  }
}
