import type { HttpExchange } from '@shared/model/exchange';
import type { HistoryPageRequest, HistorySummary } from '@shared/model/history';
import type { ExchangeRecord } from '@shared/redact/exchanges';

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];
const STATUSES = [200, 201, 404, 500];

/** `count` recorded exchanges, newest (highest id) first, each with a SCIM user body. */
export function historyFixture(count: number) {
  const records = new Map<number, ExchangeRecord & { summary: HistorySummary }>();
  for (let id = 1; id <= count; id++) {
    const method = METHODS[id % 4]!;
    const status = STATUSES[id % 4]!;
    const url = `https://scim.example.test/scim/v2/Users/u${id}`;
    const body = JSON.stringify({ id: `u${id}`, userName: `user${id}`, displayName: `Person ${id}`, emails: [{ value: `user${id}@example.com`, type: 'work' }] });
    const startedAt = new Date(Date.UTC(2025, 5, 1, 12, 0, id)).toISOString();
    const exchange: HttpExchange = {
      id: `ex-${id}`,
      endpointId: id % 2 ? 'okta' : 'entra',
      endpointName: id % 2 ? 'Okta' : 'Entra',
      startedAt,
      request: { method, url, headers: [['Authorization', 'Bearer [REDACTED]']] },
      response: { status, statusText: 'OK', headers: [['Content-Type', 'application/scim+json']], body: { size: body.length, preview: body, truncated: false, contentType: 'application/scim+json' } },
      timings: { total: 10 + id },
      redirects: [],
    };
    records.set(id, {
      exchange,
      responseBody: body,
      summary: { id, exchangeId: exchange.id, startedAt, endpointId: exchange.endpointId, endpointName: exchange.endpointName, method, url, status, durationMs: 10 + id, requestBytes: 0, responseBytes: body.length },
    });
  }
  const list = (request: HistoryPageRequest) => {
    const text = request.text?.toLowerCase();
    const all = [...records.values()]
      .map((r) => r.summary)
      .filter((s) => request.cursor === undefined || s.id < request.cursor)
      .filter((s) => !request.methods || request.methods.includes(s.method as never))
      .filter((s) => !text || JSON.stringify(records.get(s.id)).toLowerCase().includes(text))
      .sort((a, b) => b.id - a.id);
    const page = all.slice(0, request.limit);
    return { entries: page, ...(all.length > request.limit ? { nextCursor: page[page.length - 1]!.id } : {}) };
  };
  return { records, list };
}
