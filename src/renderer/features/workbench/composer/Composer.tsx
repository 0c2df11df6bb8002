import { parsePatchBody } from '../model/patch-ops';
import { lazy, Suspense, useMemo } from 'react';
import { useComposer, type Section } from './composer-context';
import { defaultSection, sectionsFor } from './sections';
import { HeadersTable } from './HeadersTable';

// the body editor and the PATCH builder bring Monaco, the JSON Schemas and the SCIM validators: loaded when first opened
const BodyPanel = lazy(async () => ({ default: (await import('./BodyPanel')).BodyPanel }));
const PatchBuilder = lazy(async () => ({ default: (await import('./PatchBuilder')).PatchBuilder }));
import { QueryPanel } from './QueryPanel';
import { RequestBar } from './RequestBar';

function SendError() {
  const { runtime, setSection } = useComposer();
  const error = runtime.error;
  if (!error) return null;
  const where = error.kind === 'validation' ? error.issues.map((i) => i.path) : [];
  const target: Section | undefined = where.includes('filter') ? 'query' : where.includes('body') ? 'body' : where.includes('headers') ? 'headers' : undefined;
  return (
    <div className={`send-error ${error.kind === 'cancelled' ? 'is-quiet' : ''}`} role="alert">
      <strong>{error.kind === 'cancelled' ? 'Cancelled' : error.kind === 'validation' ? 'Not sent' : 'Failed'}:</strong> {error.message}
      {'hint' in error && error.hint ? <span className="muted"> {error.hint}</span> : null}
      {target && (
        <button type="button" className="link-btn" onClick={() => setSection(target)}>
          Show
        </button>
      )}
    </div>
  );
}

const LABELS: Record<Section, string> = { query: 'Query', operations: 'Operations', body: 'Body', headers: 'Headers' };

/** The request half of a tab: request bar, then query / operations / body / headers. */
export function Composer() {
  const { draft, section, setSection, tabId } = useComposer();
  const sections = sectionsFor(draft.operation, draft.method);
  const current = sections.includes(section) ? section : defaultSection(draft.operation, draft.method);
  const enabledHeaders = draft.headers.filter((h) => h.enabled && h.name.trim()).length;
  const patchOps = useMemo(() => (draft.operation === 'patch' ? parsePatchBody(draft.body) : undefined), [draft.operation, draft.body]);
  const badge = (s: Section) => (s === 'headers' && enabledHeaders ? ` (${enabledHeaders})` : s === 'operations' && patchOps?.ok ? ` (${patchOps.ops.length})` : '');
  return (
    <div className="composer-inner">
      <RequestBar />
      <SendError />
      <div role="tablist" aria-label="Request parts" className="section-tabs">
        {sections.map((s) => (
          <button
            key={s}
            role="tab"
            id={`${tabId}-tab-${s}`}
            aria-selected={current === s}
            aria-controls={`${tabId}-panel-${s}`}
            tabIndex={current === s ? 0 : -1}
            className="section-tab"
            onClick={() => setSection(s)}
            onKeyDown={(event) => {
              const at = sections.indexOf(s);
              const next = event.key === 'ArrowRight' ? sections[at + 1] : event.key === 'ArrowLeft' ? sections[at - 1] : undefined;
              if (next) {
                event.preventDefault();
                setSection(next);
                document.getElementById(`${tabId}-tab-${next}`)?.focus();
              }
            }}
          >
            {LABELS[s]}
            {badge(s)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabId}-panel-${current}`} aria-labelledby={`${tabId}-tab-${current}`} className={`section-panel section-${current}`}>
        {current === 'query' && <QueryPanel />}
        <Suspense fallback={<p className="muted small section-loading">Loading…</p>}>
          {current === 'operations' && <PatchBuilder />}
          {current === 'body' && <BodyPanel />}
        </Suspense>
        {current === 'headers' && <HeadersTable />}
      </div>
    </div>
  );
}
