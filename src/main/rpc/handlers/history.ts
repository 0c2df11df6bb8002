import { fail } from '@shared/api/errors';
import type { BodyInfo, HttpExchange } from '@shared/model/exchange';
import type { BlobStore } from '../../services/blobs/blob-store';
import type { CollectionRunner } from '../../services/collections/collection-runner';
import type { HistoryStore, StoredEntry } from '../../services/history/history-store';
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

interface HistoryDeps {
  history: HistoryStore;
  blobs: BlobStore;
  previewBytes: () => number;
  /** finished collection runs: a run's own exchanges when history does not hold them */
  runs?: Pick<CollectionRunner, 'get'>;
}

export function historyHandlers(deps: HistoryDeps): Pick<Handlers, 'history.list' | 'history.get' | 'history.exchange' | 'history.delete' | 'history.clear' | 'history.stats'> {
  /** a stored entry's exchange with its bodies as previews (the rest in the blob store) */
  const forRenderer = ({ exchange, requestBody, responseBody }: StoredEntry): HttpExchange => {
    const limit = deps.previewBytes();
    const requestInfo = bodyForRenderer(exchange.request.body, requestBody, limit, deps.blobs);
    return {
      ...exchange,
      request: { ...exchange.request, ...(requestInfo ? { body: requestInfo } : {}) },
      response: exchange.response && { ...exchange.response, body: bodyForRenderer(exchange.response.body, responseBody, limit, deps.blobs)! },
    };
  };
  return {
    'history.list': (request) => deps.history.list(request),
    'history.get': ({ id }) => {
      const stored = deps.history.get(id);
      return { summary: stored.summary, exchange: forRenderer(stored) };
    },
    'history.exchange': ({ exchangeId, runId }) => {
      const stored = deps.history.findByExchangeId(exchangeId);
      if (stored) return { exchange: forRenderer(stored), historyId: stored.summary.id };
      const kept = runId ? deps.runs?.get(runId)?.exchanges.find((e) => e.id === exchangeId) : undefined;
      if (kept) return { exchange: kept };
      throw fail('not-found', `The exchange ${exchangeId} is no longer kept: it is not in history (turned off, deleted or pruned)${runId ? ' and the run is no longer held' : ''}.`, { what: 'exchange' });
    },
    'history.delete': async ({ ids }) => ({ deleted: await deps.history.delete(ids) }),
    'history.clear': async () => {
      await deps.history.clear();
      return {};
    },
    'history.stats': () => deps.history.stats(),
  };
}
