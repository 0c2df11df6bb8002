import { fail } from '@shared/api/errors';
import type { BlobStore } from '../../services/blobs/blob-store';
import type { ConformanceService } from '../../services/conformance/conformance-service';
import type { Handlers } from '../router';
import { bodyForRenderer } from './history';

type ConformanceCommands =
  | 'conformance.groups'
  | 'conformance.run'
  | 'conformance.cancel'
  | 'conformance.list'
  | 'conformance.get'
  | 'conformance.delete'
  | 'conformance.compare'
  | 'conformance.export'
  | 'conformance.exchange';

export function conformanceHandlers(deps: { conformance: ConformanceService; blobs: BlobStore; previewBytes: () => number }): Pick<Handlers, ConformanceCommands> {
  const { conformance } = deps;
  return {
    'conformance.groups': () => conformance.groups(),
    'conformance.run': ({ runId, ...options }) => conformance.run({ ...options, ...(runId !== undefined ? { runId } : {}) }),
    'conformance.cancel': ({ runId }) => ({ cancelled: conformance.cancel(runId) }),
    'conformance.list': (query) => ({ runs: conformance.list(query), running: conformance.running() }),
    'conformance.get': ({ runId }) => conformance.get(runId),
    'conformance.delete': ({ runIds }) => ({ deleted: conformance.delete(runIds) }),
    'conformance.compare': ({ baseRunId, headRunId }) => conformance.compare(baseRunId, headRunId),
    'conformance.export': ({ runId, format, redaction, bodyLimit }) => conformance.report(runId, { format, redaction, bodyLimit }),
    'conformance.exchange': ({ exchangeId }) => {
      const stored = conformance.exchange(exchangeId);
      if (!stored) throw fail('not-found', `The exchange ${exchangeId} is no longer in history (history may be off, or the entry was pruned or deleted)`, { what: 'exchange' });
      const { summary, exchange, requestBody, responseBody } = stored;
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
  };
}
