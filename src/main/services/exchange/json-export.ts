import type { ExchangeRecord } from '@shared/redact/exchanges';
import type { RedactionPreview } from '@shared/redact/options';
import type { RunResult } from '@shared/model/collection-run';
import type { EnvironmentSummary } from './environment';
import { runField } from './har';
import type { ExchangeNotes } from './notes';

/**
 * The JSON export: the exchanges as the app models them, with whole (redacted) bodies, each with
 * its SCIM check findings (and, from a run, its step's assertions); a run's steps and comparison.
 */
export function toJsonExport(records: readonly ExchangeRecord[], summary: EnvironmentSummary, preview: RedactionPreview, extras: { notes?: readonly ExchangeNotes[]; run?: RunResult | undefined } = {}): unknown {
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
    ...(extras.run ? { run: runField(extras.run) } : {}),
    exchanges: records.map(({ exchange, requestBody, responseBody }, i) => {
      const note = extras.notes?.[i];
      return { ...exchange, requestBody, responseBody, ...(note?.checks ? { scimChecks: note.checks } : {}), ...(note?.step ? { step: note.step } : {}) };
    }),
  };
}
