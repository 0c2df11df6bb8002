import { lazy, Suspense, useState } from 'react';
import type { Discovery, DiscoveredDocument } from '@shared/api/commands/discovery';
import { ErrorBoundary } from '../inspector/ui/ErrorBoundary';
import { formatDuration } from '../inspector/ui/format';
import { DocumentError } from './DocumentError';

const MonacoBody = lazy(() => import('../inspector/body/MonacoBody'));

const DOCS: { key: 'serviceProviderConfig' | 'resourceTypes' | 'schemas'; label: string }[] = [
  { key: 'serviceProviderConfig', label: 'ServiceProviderConfig' },
  { key: 'resourceTypes', label: 'ResourceTypes' },
  { key: 'schemas', label: 'Schemas' },
];

function Raw({ document }: { document: DiscoveredDocument }) {
  const [copied, setCopied] = useState(false);
  const text = document.document === undefined ? undefined : JSON.stringify(document.document, null, 2);
  return (
    <div className="dsc-raw">
      <div className="ins-toolbar">
        <code className="ins-wrap">GET {document.url}</code>
        <span className="ins-faint">
          {document.status !== undefined ? `HTTP ${document.status} · ` : ''}
          {formatDuration(document.durationMs)}
        </span>
        <span className="ins-spacer" />
        {text !== undefined && (
          <button type="button" className="btn btn-quiet" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}>
            {copied ? 'Copied' : 'Copy JSON'}
          </button>
        )}
      </div>
      {document.error && <DocumentError document={document} />}
      {text !== undefined && (
        <ErrorBoundary fallback={() => <pre className="dsc-pre">{text}</pre>}>
          <Suspense fallback={<p className="ins-faint ins-pad">Loading editor…</p>}>
            <div className="dsc-raw-editor">
              <MonacoBody value={text} language="json" label={`${document.path} as served`} />
            </div>
          </Suspense>
        </ErrorBoundary>
      )}
    </div>
  );
}

/** The three discovery documents exactly as served (formatted), one at a time. */
export function RawDocuments({ discovery }: { discovery: Discovery }) {
  const [which, setWhich] = useState<(typeof DOCS)[number]['key']>('serviceProviderConfig');
  return (
    <div className="dsc-section">
      <div role="group" aria-label="Document" className="ins-segmented dsc-raw-picker">
        {DOCS.map((d) => (
          <button key={d.key} type="button" aria-pressed={which === d.key} onClick={() => setWhich(d.key)}>
            /{d.label}
          </button>
        ))}
      </div>
      <Raw key={which} document={discovery[which]} />
    </div>
  );
}
