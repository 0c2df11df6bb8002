import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { EnvironmentSummary } from './environment';

/** The JSON export: the exchanges as the app models them, with whole (redacted) bodies. */
export function toJsonExport(records: readonly ExchangeRecord[], summary: EnvironmentSummary, preview: RedactionPreview): unknown {
  return {
    format: 'scim-inspector.exchanges',
    version: 1,
    environment: summary,
    redaction: {
      paths: preview.paths,
      secretHeaders: preview.secretHeaders,
      secretValues: preview.secretValues,
      // every credential replaced: kind, name, where, how often
      replacements: preview.replacements ?? [],
      // pseudonyms only: the values they stand for stay on this machine
      placeholders: preview.personalData.map((p) => ({ path: p.path, placeholder: p.pseudonym, occurrences: p.count })),
    },
    exchanges: records.map(({ exchange, requestBody, responseBody }) => ({ ...exchange, requestBody, responseBody })),
  };
}
