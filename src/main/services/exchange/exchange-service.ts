import { fail } from '@shared/api/errors';
import type { ExportFormat, ExportSource, ImportFormat, ImportTarget } from '@shared/api/commands/exchange';
import type { ExchangeRecord } from '@shared/redact/exchanges';
import { redactExchanges } from '@shared/redact/exchanges';
import type { RedactionOptions, RedactionPreview } from '@shared/redact/options';
import { REDACTED, type SecretScrubber } from '@shared/redact/secret-scrubber';
import { SchemaRegistry } from '@shared/scim';
import type { CollectionRunner } from '../collections/collection-runner';
import type { CollectionSecrets } from '../collections/collection-secrets';
import type { CredentialMover, MovedCredential } from '../collections/credential-variables';
import { moverFor, storeMoved } from '../collections/secret-variables';
import type { CollectionsService } from '../collections/collections-service';
import { formatJson } from '../collections/json-file';
import { slug } from '../collections/names';
import type { HistoryStore } from '../history/history-store';
import { fromCurl } from './curl';
import { summarize, type ExportEnvironment } from './environment';
import { fromHar } from './har-import';
import { toHar } from './har';
import { countRequests, type ImportedCollection } from './import-tree';
import { toJsonExport } from './json-export';
import { toMarkdown } from './markdown';
import { withoutCredentials } from './import-credentials';
import { checkRecords, redactNotes, redactRun, withSteps, type ExchangeNotes } from './notes';
import { fromPostman, toPostman } from './postman';

export interface ExchangeServiceOptions {
  history: Pick<HistoryStore, 'records' | 'findByExchangeId'>;
  runs: Pick<CollectionRunner, 'get'>;
  collections: CollectionsService;
  scrubber: SecretScrubber;
  environment: () => ExportEnvironment;
  /** more credential header names (the endpoints' API-key headers) */
  secretHeaders?: () => string[] | Promise<string[]>;
  /** the keychain, for credentials an import moves into secret variables (without it they are left out) */
  secrets?: CollectionSecrets;
  /** an endpoint's schemas for the SCIM checks in exports (what discovery knows; never a new request) */
  registry?: (endpointId: string | undefined) => SchemaRegistry;
  now?: () => Date;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

const FORMATS: Record<ExportFormat, { extension: string; mimeType: string }> = {
  har: { extension: 'har', mimeType: 'application/json' },
  markdown: { extension: 'md', mimeType: 'text/markdown' },
  json: { extension: 'json', mimeType: 'application/json' },
};

/** Every export goes through the one redactor; every import lands in a collection, without credentials. */
export class ExchangeService {
  constructor(private readonly options: ExchangeServiceOptions) {}

  /** What an export of `source` would redact, computed the same way the export does it. */
  async preview(source: ExportSource, redaction: RedactionOptions): Promise<{ count: number; preview: RedactionPreview }> {
    const { records, preview } = await this.redacted(source, redaction);
    return { count: records.length, preview };
  }

  /**
   * An export with what the app found: the SCIM check findings of each answer (the shared rules,
   * run here on the exchanges as recorded), and for a run its steps' assertions, summary and
   * comparison. Every text that quotes the exchanges goes through the same redactor as they do.
   */
  async export(input: { source: ExportSource; format: ExportFormat; redaction: RedactionOptions; bodyLimit: number }): Promise<ExportFile & { count: number; preview: RedactionPreview }> {
    const originals = this.records(input.source);
    const run = input.source.kind === 'run' ? this.options.runs.get(input.source.runId) : undefined;
    const registry = this.options.registry ?? (() => SchemaRegistry.core());
    let notes: ExchangeNotes[] = await checkRecords(originals, registry, run?.findings);
    if (run) notes = withSteps(notes, originals, run.result.steps);
    const { records, preview, redactor } = await this.redactRecords(originals, input.redaction);
    const shown = notes.map((note) => redactNotes(note, redactor));
    const runShown = run ? redactRun(run.result, redactor) : undefined;
    const now = this.options.now?.() ?? new Date();
    const env = this.options.environment();
    const summary = summarize(records, env, now);
    let content: string;
    if (input.format === 'har') content = formatJson(toHar(records, env, preview, { notes: shown, run: runShown }));
    else if (input.format === 'json') content = formatJson(toJsonExport(records, summary, preview, { notes: shown, run: runShown }));
    else content = toMarkdown(records, summary, preview, { bodyLimit: input.bodyLimit, notes: shown, run: runShown });
    // the last line of defence: nothing known to be secret leaves, whatever path it took
    content = this.options.scrubber.scrub(content);
    const { extension, mimeType } = FORMATS[input.format];
    return { fileName: `scim-log-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`, mimeType, content, count: records.length, preview };
  }

  async exportCollection(collectionId: string): Promise<ExportFile> {
    const collection = await this.options.collections.get(collectionId);
    const content = this.options.scrubber.scrub(formatJson(toPostman(collection)));
    return { fileName: `${slug(collection.name)}.postman_collection.json`, mimeType: 'application/json', content };
  }

  /**
   * Imports into a new collection or a folder of one. Credentials found in the requests (secret
   * headers, URL parameters, form fields and JSON members named like credentials, variables named
   * so) are moved into secret variables of the collection, their values into the OS keychain; the
   * files keep `{{variable}}`, and the answer says which were moved. Without a usable keychain they
   * are replaced by [REDACTED] instead, and the answer says so.
   */
  async import(input: { format: ImportFormat; text: string; fileName?: string | undefined; baseUrl?: string | undefined; target: ImportTarget }): Promise<{
    collectionId: string;
    itemIds: string[];
    imported: number;
    warnings: string[];
    secrets: MovedCredential[];
  }> {
    const collections = this.options.collections;
    const secrets = this.options.secrets;
    const existing = input.target.kind === 'existing' ? await collections.get(input.target.collectionId) : undefined;
    const mover = secrets ? await moverFor(existing, secrets) : undefined;
    const context = { ...(input.fileName ? { fileName: input.fileName } : {}), ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), ...(mover ? { credentials: mover } : {}) };
    const read: ImportedCollection =
      input.format === 'postman' ? fromPostman(input.text, context) : input.format === 'har' ? fromHar(input.text, context) : fromCurl(input.text, context);
    const parsed = mover ? withoutCredentials(read, mover) : read;
    const moved = mover?.moved.filter((m) => m.variable !== REDACTED) ?? [];
    if (input.target.kind === 'new') {
      const created = await collections.createWithTree(
        { name: input.target.name || parsed.name, folder: input.target.folder, description: parsed.description, variables: parsed.variables },
        parsed.nodes,
      );
      const kept = await this.keepMoved(created.collectionId, mover);
      return { collectionId: created.collectionId, itemIds: created.itemIds, imported: countRequests(parsed.nodes), warnings: [...parsed.warnings, ...created.warnings, ...kept], secrets: moved };
    }
    const { collectionId, parentId } = input.target;
    const written = await collections.writeTree(collectionId, parentId ?? '', parsed.nodes, { addVariables: parsed.variables });
    const kept = await this.keepMoved(collectionId, mover);
    return { collectionId, itemIds: written.itemIds, imported: countRequests(parsed.nodes), warnings: [...parsed.warnings, ...written.warnings, ...kept], secrets: moved };
  }

  /** What the mover took out, into the keychain under the collection; what it did, in words. */
  private async keepMoved(collectionId: string, mover: CredentialMover | undefined): Promise<string[]> {
    const secrets = this.options.secrets;
    if (!mover || !secrets || mover.moved.length === 0) return [];
    const collection = await this.options.collections.get(collectionId);
    return storeMoved(collection, mover, secrets, (names) => this.options.collections.update(collectionId, { secrets: names }));
  }

  private records(source: ExportSource): ExchangeRecord[] {
    if (source.kind === 'history') return this.options.history.records(source.ids);
    const run = this.options.runs.get(source.runId);
    if (!run) throw fail('not-found', `The run ${source.runId} is no longer kept; run the folder again to export it`, { what: 'run' });
    return run.exchanges.map((exchange) => {
      const stored = this.options.history.findByExchangeId(exchange.id);
      if (stored) return { exchange: stored.exchange, requestBody: stored.requestBody, responseBody: stored.responseBody, redactions: stored.redactions };
      return { exchange, requestBody: exchange.request.body?.preview, responseBody: exchange.response?.body.preview };
    });
  }

  private async redacted(source: ExportSource, redaction: RedactionOptions) {
    return this.redactRecords(this.records(source), redaction);
  }

  private async redactRecords(records: ExchangeRecord[], redaction: RedactionOptions) {
    const secretHeaders = [...redaction.secretHeaders, ...((await this.options.secretHeaders?.()) ?? [])];
    return redactExchanges(records, this.options.scrubber, { personalData: redaction.personalData, secretHeaders });
  }
}
