import { useState } from 'react';
import type { CheckResult } from '@shared/model/conformance';
import { ExchangeLinks } from './ExchangeLinks';
import { STATUS_LABEL } from './format';

function CheckItem({ check }: { check: CheckResult }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details className={`cf-check cf-check-${check.status}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className={`cf-badge cf-${check.status}`}>{STATUS_LABEL[check.status]}</span>
          <span className="cf-check-id">{check.id}</span>
          <span className="cf-check-title">{check.title}</span>
          <span className="cf-check-rfc muted small">{check.rfc}</span>
        </summary>
        {open && (
          <div className="cf-check-body">
            <p className="cf-detail">{check.detail}</p>
            {(check.expected !== undefined || check.actual !== undefined || check.fix !== undefined) && (
              <dl className="cf-evidence">
                {check.expected !== undefined && (
                  <>
                    <dt>Expected</dt>
                    <dd>{check.expected}</dd>
                  </>
                )}
                {check.actual !== undefined && (
                  <>
                    <dt>Actual</dt>
                    <dd>{check.actual}</dd>
                  </>
                )}
                {check.fix !== undefined && (
                  <>
                    <dt>Fix</dt>
                    <dd>{check.fix}</dd>
                  </>
                )}
              </dl>
            )}
            {check.exchanges.length > 0 && <ExchangeLinks ids={check.exchanges} />}
          </div>
        )}
      </details>
    </li>
  );
}

/** Checks, each opening to its finding, evidence and exchanges. */
export function CheckList({ checks, label }: { checks: readonly CheckResult[]; label: string }) {
  return (
    <ul className="cf-checks" aria-label={label}>
      {checks.map((c) => (
        <CheckItem key={c.id} check={c} />
      ))}
    </ul>
  );
}
