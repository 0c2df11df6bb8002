import { join } from 'node:path';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { constants as zlibConstants, createBrotliDecompress, createGunzip, createInflate, createZstdDecompress } from 'node:zlib';
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

/** The response body could not be decoded by its `Content-Encoding`. */
export class BodyDecodeFailure extends Error {
  constructor(
    readonly encoding: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'BodyDecodeFailure';
  }
}

/** Content codings decoded for display, as fetch does (`compress` is LZW, which zlib cannot read). */
const DECODERS = new Map<string, () => Transform>([
  ['gzip', () => createGunzip()],
  ['x-gzip', () => createGunzip()],
  ['deflate', () => createInflate()],
  ['br', () => createBrotliDecompress()],
  // the window fetch allows (8 MiB): a frame asking for more is refused rather than allocated
  ['zstd', () => createZstdDecompress({ params: { [zlibConstants.ZSTD_d_windowLogMax]: 23 } })],
]);

/** The decoders for a `Content-Encoding` value, in the order to apply them; none if one is unknown. */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  if (contentEncoding === undefined) return [];
  // `a, b` was coded with a, then b: undone b first
  const names = contentEncoding.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity').reverse();
  const makers = names.map((name) => DECODERS.get(name));
  return makers.every((make) => make !== undefined) ? makers.map((make) => make()) : [];
}

/**
 * Reads a response body up to the cap (counted after decoding); `onChunk` sees the bytes received
 * off the wire so far. A body in a content coding fetch would decode (gzip, deflate, br, zstd) is
 * decoded; one in an unknown coding is kept as received.
 */
export function readBody(body: Readable, capBytes: number, onChunk?: (received: number) => void, contentEncoding?: string): Promise<ReadBody> {
  const chain = decodersFor(contentEncoding);
  return new Promise<ReadBody>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let wire = 0;
    let settled = false;
    // a failing stream takes the others down with the same error: the first to fail is the cause
    let failedFirst: 'wire' | 'decoder' | undefined;
    const output: Readable = chain.length === 0 ? body : (chain.at(-1) as Readable);
    const settle = (error: unknown, capped = false) => {
      if (settled) return;
      settled = true;
      if (error !== undefined) {
        reject(failedFirst === 'decoder' ? new BodyDecodeFailure(contentEncoding!, error) : error);
        return;
      }
      resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, kept), capped });
    };
    if (chain.length > 0) {
      body.once('error', () => (failedFirst ??= 'wire'));
      for (const stream of chain) stream.once('error', () => (failedFirst ??= 'decoder'));
      body.on('data', (chunk: Buffer) => {
        wire += chunk.length;
        onChunk?.(wire);
      });
      pipeline([body, ...chain], (error) => {
        if (error) settle(error);
      });
    }
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (kept + chunk.length > capBytes) {
        chunks.push(chunk.subarray(0, capBytes - kept));
        kept = capBytes;
        settle(undefined, true);
        body.destroy();
        for (const stream of chain) stream.destroy();
        return;
      }
      chunks.push(chunk);
      kept += chunk.length;
      if (chain.length === 0) onChunk?.(kept);
    });
    output.once('end', () => settle(undefined));
    output.on('error', (error) => settle(error));
    output.once('close', () => {
      if (!settled) settle(new Error('the response body ended before it was complete'));
    });
  });
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
