import type { BodyInfo } from '@shared/model/exchange';
import type { ApiClient } from '../../../transport/client';
import type { BodyAnalysis } from './body-document';
import { newDocId, type BodyService } from '../worker/body-service';

/** A body opened in the body service: its id there, what it is, and whether it is the whole of it. */
export interface OpenBody {
  doc: string;
  analysis: BodyAnalysis;
  /** the text is not the whole body (the preview of a body no longer held, or a body cut at the size cap) */
  partial: 'none' | 'preview' | 'capped';
}

export interface LoadOptions {
  onProgress?(received: number, total: number): void;
  signal?: AbortSignal;
}

/** Largest range asked of `blobs.read` at a time (its handler's own ceiling is 4 MB). */
const READ_SIZE = 4 * 1024 * 1024;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Loading the body was cancelled', 'AbortError');
}

/**
 * Reads a body through `blobs.read` range by range and feeds it to the body service. A multi-byte character
 * cut at a range's end comes back as U+FFFD; such a tail is read again as the start of the next range.
 */
async function feedFromBlob(client: ApiClient, service: BodyService, doc: string, body: BodyInfo, blobId: string, options: LoadOptions): Promise<BodyAnalysis> {
  await service.request({ op: 'begin', doc, ...(body.contentType ? { contentType: body.contentType } : {}) });
  let start = 0;
  let total = body.size;
  while (start < total) {
    aborted(options.signal);
    const chunk = await client.call('blobs.read', { id: blobId, start, end: Math.min(start + READ_SIZE, total) });
    total = chunk.total;
    let text = chunk.text;
    let next = chunk.end;
    if (chunk.end < total && text.endsWith('\uFFFD')) {
      const kept = text.replace(/\uFFFD{1,3}$/, '');
      const keptBytes = utf8Length(kept);
      if (keptBytes > 0) {
        text = kept;
        next = start + keptBytes;
      }
    }
    if (next <= start) break;
    await service.request({ op: 'append', doc, text });
    start = next;
    options.onProgress?.(start, total);
  }
  aborted(options.signal);
  return service.request({ op: 'end', doc });
}

/**
 * Opens a response body in the body service: the preview when it is the whole body; otherwise the whole
 * body from main (streamed straight into the worker from the bridge's blob URL where the transport has one,
 * else read range by range with `blobs.read`).
 */
export async function loadBody(client: ApiClient, service: BodyService, body: BodyInfo, options: LoadOptions = {}): Promise<OpenBody> {
  const doc = newDocId();
  const contentType = body.contentType;
  const capped = body.cappedAt !== undefined;
  const onAbort = () => void service.request({ op: 'close', doc });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (!body.truncated || !body.blobId) {
      const analysis = await service.request({ op: 'open', doc, source: { kind: 'text', text: body.preview, ...(contentType ? { contentType } : {}) } });
      return { doc, analysis, partial: body.truncated ? 'preview' : capped ? 'capped' : 'none' };
    }
    const url = client.transport.blobUrl?.(body.blobId);
    let analysis: BodyAnalysis;
    if (url && service.where === 'worker') {
      const stop = service.onProgress(doc, (received, total) => options.onProgress?.(received, total ?? body.size));
      try {
        analysis = await service.request({ op: 'open', doc, source: { kind: 'url', url, ...(contentType ? { contentType } : {}) } });
      } finally {
        stop();
      }
    } else {
      analysis = await feedFromBlob(client, service, doc, body, body.blobId, options);
    }
    aborted(options.signal);
    return { doc, analysis, partial: capped ? 'capped' : 'none' };
  } catch (error) {
    void service.request({ op: 'close', doc });
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
