import type { BodyInfo } from '@shared/model/exchange';
import type { BlobStore } from '../../services/blobs/blob-store';
import type { HistoryStore } from '../../services/history/history-store';
import type { Handlers } from '../router';

/** A stored body for the renderer: a bounded preview inline, the whole text in the blob store past that. */
export function bodyForRenderer(info: BodyInfo | undefined, text: string | undefined, previewBytes: number, blobs: BlobStore): BodyInfo | undefined {
  if (!info && text === undefined) return undefined;
  const whole = text ?? '';
  const bytes = Buffer.from(whole);
  const truncated = bytes.byteLength > previewBytes;
  const preview = truncated ? bytes.subarray(0, previewBytes).toString('utf8').replace(/\uFFFD$/, '') : whole;
  const blob = truncated ? blobs.put(bytes, info?.contentType) : undefined;
  return {
    size: info?.size ?? bytes.byteLength,
    ...(info?.contentType ? { contentType: info.contentType } : {}),
    preview,
    truncated: truncated || (info?.truncated ?? false),
    ...(blob ? { blobId: blob.id } : {}),
    ...(info?.cappedAt !== undefined ? { cappedAt: info.cappedAt } : {}),
    ...(info?.savedTo ? { savedTo: info.savedTo } : {}),
  };
}

export function historyHandlers(deps: { history: HistoryStore; blobs: BlobStore; previewBytes: () => number }): Pick<
  Handlers,
  'history.list' | 'history.get' | 'history.delete' | 'history.clear' | 'history.stats'
> {
  return {
    'history.list': (request) => deps.history.list(request),
    'history.get': ({ id }) => {
      const { summary, exchange, requestBody, responseBody } = deps.history.get(id);
      const limit = deps.previewBytes();
      const requestInfo = bodyForRenderer(exchange.request.body, requestBody, limit, deps.blobs);
      return {
        summary,
        exchange: {
          ...exchange,
          request: { ...exchange.request, ...(requestInfo ? { body: requestInfo } : {}) },
          response: exchange.response && { ...exchange.response, body: bodyForRenderer(exchange.response.body, responseBody, limit, deps.blobs)! },
        },
      };
    },
    'history.delete': async ({ ids }) => ({ deleted: await deps.history.delete(ids) }),
    'history.clear': async () => {
      await deps.history.clear();
      return {};
    },
    'history.stats': () => deps.history.stats(),
  };
}
