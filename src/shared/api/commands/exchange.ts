import { z } from 'zod';
import { command } from '../command';
import { RedactionOptions, RedactionPreview } from '../../redact/options';

/** What to export: history entries by id, or the exchanges of a collection run. */
export const ExportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('history'), ids: z.array(z.number().int()).min(1).max(10_000) }),
  z.object({ kind: z.literal('run'), runId: z.string().min(1) }),
]);
export type ExportSource = z.infer<typeof ExportSource>;

export const ExportFormat = z.enum(['har', 'markdown', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ImportFormat = z.enum(['postman', 'curl', 'har']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** Where imported requests go: a new collection, or a folder of an existing one. */
export const ImportTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), name: z.string().max(200).optional(), folder: z.string().optional() }),
  z.object({ kind: z.literal('existing'), collectionId: z.string().min(1), parentId: z.string().optional() }),
]);
export type ImportTarget = z.infer<typeof ImportTarget>;

const redaction = RedactionOptions.default(RedactionOptions.parse({}));

/** A file the renderer saves (download in a browser, save dialog on the desktop). */
export const ExportedFile = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const exchangeCommands = {
  /** what an export would redact, listed before it is made */
  'exchange.preview': command(z.object({ source: ExportSource, redaction }), z.object({ count: z.number().int(), preview: RedactionPreview })),
  'exchange.export': command(
    z.object({
      source: ExportSource,
      format: ExportFormat,
      redaction,
      /** characters of each body in the Markdown report */
      bodyLimit: z.number().int().min(200).max(10_000_000).default(20_000),
    }),
    ExportedFile.extend({ count: z.number().int(), preview: RedactionPreview }),
  ),
  'exchange.import': command(
    z.object({
      format: ImportFormat,
      text: z.string().min(1).max(64 * 1024 * 1024),
      /** shown in messages about the file */
      fileName: z.string().optional(),
      /** URLs under this base become paths relative to the endpoint */
      baseUrl: z.string().optional(),
      target: ImportTarget,
    }),
    z.object({
      collectionId: z.string(),
      itemIds: z.array(z.string()),
      imported: z.number().int(),
      warnings: z.array(z.string()),
      /** credentials moved into secret variables of the collection (values in the OS keychain, never here) */
      secrets: z.array(z.object({ variable: z.string(), where: z.string() })).default([]),
    }),
  ),
  /** a collection as Postman Collection v2.1 */
  'exchange.exportCollection': command(z.object({ collectionId: z.string().min(1) }), ExportedFile),
};
