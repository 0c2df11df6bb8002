import { BodyDocument } from '../body/body-document';
import { runChecks } from '@shared/scim/checks/response/run';
import { TableModel } from '../table/table-model';
import type { BodyAnswers, BodyRequest, BodySource } from './protocol';

type Progress = (doc: string, received: number, total?: number) => void;

/** Streams a URL's body as text, reporting bytes as they come. */
async function fetchText(doc: string, url: string, progress: Progress, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new Error(response.status === 404 ? 'The body is no longer held in memory (it was released to stay within the budget). Send the request again to see it.' : `Reading the body failed with HTTP ${response.status} ${detail.slice(0, 200)}`);
  }
  const total = Number(response.headers.get('content-length')) || undefined;
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    if (received - lastReport >= 512 * 1024) {
      lastReport = received;
      progress(doc, received, total);
    }
  }
  parts.push(decoder.decode());
  progress(doc, received, total);
  return parts.join('');
}

/**
 * The documents of one body worker (or of the page, where workers are unavailable) and the answer to
 * each request: the same code either way.
 */
export class BodyHost {
  private readonly docs = new Map<string, BodyDocument>();
  private readonly pending = new Map<string, { parts: string[]; contentType?: string }>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly tables = new Map<string, { key: string; model: TableModel }>();

  constructor(private readonly progress: Progress) {}

  async handle<R extends BodyRequest>(request: R): Promise<BodyAnswers[R['op']]> {
    return (await this.answer(request)) as BodyAnswers[R['op']];
  }

  private async answer(request: BodyRequest): Promise<unknown> {
    switch (request.op) {
      case 'open':
        return this.open(request.doc, request.source);
      case 'begin':
        this.pending.set(request.doc, { parts: [], ...(request.contentType ? { contentType: request.contentType } : {}) });
        return null;
      case 'append':
        this.pendingOf(request.doc).parts.push(request.text);
        return null;
      case 'end': {
        const { parts, contentType } = this.pendingOf(request.doc);
        this.pending.delete(request.doc);
        return this.store(request.doc, new BodyDocument(parts.join(''), contentType));
      }
      case 'layout':
        return this.doc(request.doc).layout(request.view);
      case 'text':
        return this.doc(request.doc).text(request.view);
      case 'lines':
        return this.doc(request.doc).lines(request.view, request.from, request.to);
      case 'ids':
        return this.doc(request.doc).ids();
      case 'find':
        return this.doc(request.doc).find(request.view, request.query, request.limit);
      case 'check': {
        const document = this.doc(request.doc);
        // a pause lets the requests that came in meanwhile (table rows, lines) be answered first
        return runChecks(document.analyze().kind, document.value(), request.input, () => new Promise((resolve) => setTimeout(resolve, 0)));
      }
      case 'table': {
        const key = JSON.stringify([request.docs, request.columns]);
        let entry = this.tables.get(request.table);
        if (entry?.key !== key) {
          entry = { key, model: new TableModel(request.docs.map((doc) => this.doc(doc).resources()), request.columns) };
          this.tables.set(request.table, entry);
        }
        return entry.model.apply(request.filter, request.sort);
      }
      case 'tableWindow': {
        const entry = this.tables.get(request.table);
        if (!entry) throw new Error(`Table ${request.table} is not built (or was closed)`);
        return entry.model.window(request.from, request.to);
      }
      case 'closeTable':
        this.tables.delete(request.table);
        return null;
      case 'close':
        this.aborts.get(request.doc)?.abort();
        this.aborts.delete(request.doc);
        this.docs.delete(request.doc);
        this.pending.delete(request.doc);
        return null;
    }
  }

  private async open(doc: string, source: BodySource) {
    if (source.kind === 'text') return this.store(doc, new BodyDocument(source.text, source.contentType));
    const abort = new AbortController();
    this.aborts.set(doc, abort);
    try {
      const text = await fetchText(doc, source.url, this.progress, abort.signal);
      return this.store(doc, new BodyDocument(text, source.contentType));
    } finally {
      this.aborts.delete(doc);
    }
  }

  private store(doc: string, document: BodyDocument) {
    const analysis = document.analyze();
    this.docs.set(doc, document);
    return analysis;
  }

  private doc(doc: string): BodyDocument {
    const document = this.docs.get(doc);
    if (!document) throw new Error(`Body ${doc} is not open (it was closed)`);
    return document;
  }

  private pendingOf(doc: string) {
    const pending = this.pending.get(doc);
    if (!pending) throw new Error(`Body ${doc} was not begun (or was closed)`);
    return pending;
  }
}
