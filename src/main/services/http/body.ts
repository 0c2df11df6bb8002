import { join } from 'node:path';
import type { BodyInfo } from '@shared/model/exchange';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { BlobStore } from '../blobs/blob-store';
import { writeFileAtomic } from '../storage/atomic-write';
import { bytesContainSecret } from './secret-bytes';

export interface BodyLimits {
  previewBytes: number;
  capBytes: number;
}

export interface ReadBody {
  bytes: Buffer;
  /** the body was longer than the cap and was cut there */
  capped: boolean;
}

const EMPTY = Buffer.alloc(0);

/** Reads a response body up to the cap; `onChunk` sees the running byte count. */
export async function readBody(body: ReadableStream<Uint8Array> | null, capBytes: number, onChunk?: (received: number) => void): Promise<ReadBody> {
  if (!body) return { bytes: EMPTY, capped: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let capped = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.byteLength > capBytes) {
      chunks.push(value.subarray(0, capBytes - received));
      received = capBytes;
      capped = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    received += value.byteLength;
    onChunk?.(received);
  }
  const bytes = chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks, received);
  return { bytes, capped };
}

/** Text of bytes for scrubbing: UTF-8 when they are UTF-8, else latin1 (which round-trips any byte). */
function asText(bytes: Buffer): { text: string; encoding: 'utf8' | 'latin1' } {
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? { text: bytes.toString('latin1'), encoding: 'latin1' } : { text, encoding: 'utf8' };
}

/** The bytes with every known secret replaced (no copy when there is none). */
export function scrubBytes(bytes: Buffer, scrubber: SecretScrubber): Buffer {
  if (!bytesContainSecret(bytes, scrubber)) return bytes;
  const { text, encoding } = asText(bytes);
  return Buffer.from(scrubber.scrub(text), encoding);
}

export interface DescribeBodyOptions extends BodyLimits {
  contentType: string | undefined;
  scrubber: SecretScrubber;
  blobs: BlobStore;
  capped?: boolean;
  /** where a capped body is saved (`<dataDir>/bodies/<exchangeId>.body`) */
  bodiesDir?: string;
  exchangeId?: string;
}

export interface DescribedBody {
  info: BodyInfo;
  /** for a body over the cap: saves it (scrubbed) where `info.savedTo` says; the caller awaits it */
  save?: () => Promise<void>;
}

/**
 * What the renderer gets for a body: a bounded, scrubbed preview; the whole (scrubbed) body as a blob
 * when the preview does not hold it; for a body over the cap, the cut body saved to a file too.
 * Synchronous unless there is a file to write, so the common case costs no trip through the microtask queue.
 */
export function describeBody(bytes: Buffer, options: DescribeBodyOptions): DescribedBody {
  const clean = scrubBytes(bytes, options.scrubber);
  const truncated = clean.length > options.previewBytes;
  const preview = clean.toString('utf8', 0, truncated ? options.previewBytes : clean.length);
  const info: BodyInfo = { size: bytes.length, contentType: options.contentType, preview, truncated };
  if (truncated || options.capped) info.blobId = options.blobs.put(clean, options.contentType).id;
  if (!options.capped || !options.bodiesDir || !options.exchangeId) return { info };
  const path = join(options.bodiesDir, `${options.exchangeId}.body`);
  return {
    info,
    save: async () => {
      await writeFileAtomic(path, clean);
      info.cappedAt = options.capBytes;
      info.savedTo = path;
    },
  };
}
