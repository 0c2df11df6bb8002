import type { RunSummary } from '@shared/model/conformance';
import { countOf, STATUS_LABEL, STATUS_ORDER } from './format';

/** `3 fail · 1 warn · 120 pass · 40 skip`, each in its colour; zero counts left out. */
export function SummaryCounts({ summary, compact = false }: { summary: RunSummary; compact?: boolean }) {
  const parts = STATUS_ORDER.filter((s) => countOf(summary, s) > 0);
  if (parts.length === 0) return <span className="muted small">no checks</span>;
  return (
    <span className="cf-counts">
      {parts.map((s) => (
        <span key={s} className={`cf-count cf-${s}`} title={`${countOf(summary, s)} ${STATUS_LABEL[s].toLowerCase()}`}>
          {countOf(summary, s)}
          {compact ? '' : ` ${STATUS_LABEL[s].toLowerCase()}`}
        </span>
      ))}
    </span>
  );
}
