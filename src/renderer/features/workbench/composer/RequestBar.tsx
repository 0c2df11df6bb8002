import { useId, useMemo } from 'react';
import type { HttpMethod } from '@shared/model/exchange';
import type { Operation } from '@shared/model/workspace';
import { CopyButton } from '../../../app/CopyButton';
import { toCurl } from '../model/curl';
import { resourcesIn } from '../model/last-response';
import { recentIdsFor, useRecentIds } from '../model/recent-ids';
import { METHODS, OPERATIONS, operationInfo } from '../model/operations';
import { applyOperation, setResourceId, setResourceType } from '../model/presets';
import { requestPath, toRequestSpec } from '../model/request';
import { EndpointChoice } from '../connection/EndpointChoice';
import { SaveButtons } from '../save/SaveButtons';
import { defaultSection } from './sections';
import { useComposer } from './composer-context';

function OperationPicker() {
  const { draft, update, preset, setSection } = useComposer();
  const choose = (operation: Operation) => {
    update((d) => applyOperation(d, operation, preset));
    setSection(defaultSection(operation, operation === 'raw' ? draft.method : operationInfo(operation).method));
  };
  return (
    <div role="radiogroup" aria-label="Operation" className="seg op-seg">
      {OPERATIONS.map((op) => (
        <button
          key={op.id}
          type="button"
          role="radio"
          aria-checked={draft.operation === op.id}
          className="seg-btn"
          title={op.help}
          onClick={() => choose(op.id)}
          onKeyDown={(event) => {
            const at = OPERATIONS.findIndex((o) => o.id === op.id);
            const next = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : -1;
            if (next >= 0 && next < OPERATIONS.length) {
              event.preventDefault();
              choose(OPERATIONS[next]!.id);
              (event.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
            }
          }}
          tabIndex={draft.operation === op.id ? 0 : -1}
        >
          {op.label}
        </button>
      ))}
    </div>
  );
}

function IdField() {
  const { draft, update, preset, runtime, schema } = useComposer();
  const listId = useId();
  const refs = useMemo(() => resourcesIn(runtime.exchange, schema.registry), [runtime.exchange, schema.registry]);
  const sameType = useMemo(
    () => refs.filter((r) => !r.resourceType || !draft.resourceType || r.resourceType.toLowerCase() === draft.resourceType.toLowerCase()),
    [refs, draft.resourceType],
  );
  const first = sameType[0];
  const recentByType = useRecentIds((s) => s.byType);
  // the last response's ids, then those seen recently in any tab
  const offered = useMemo(() => {
    const recent = recentIdsFor(recentByType, draft.resourceType);
    const seen = new Set(sameType.map((r) => r.id));
    return [...sameType.map((r) => ({ id: r.id, label: r.label })), ...recent.filter((r) => !seen.has(r.id))].slice(0, 100);
  }, [sameType, recentByType, draft.resourceType]);
  return (
    <span className="id-field">
      <input
        className="input mono"
        aria-label="Resource id"
        placeholder={offered.length ? 'id (recent ids offered)' : 'id'}
        spellCheck={false}
        list={offered.length > 0 ? listId : undefined}
        value={draft.resourceId}
        aria-invalid={draft.resourceId.trim() === '' || undefined}
        onChange={(event) => update((d) => setResourceId(d, event.target.value, preset))}
      />
      {offered.length > 0 && (
        <datalist id={listId} data-testid="recent-ids">
          {offered.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </datalist>
      )}
      {first && first.id !== draft.resourceId && (
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label="Use id from response"
          title={`Use the id of ${first.label} from the last response${sameType.length > 1 ? ` (the first of ${sameType.length}; the id box lists the others)` : ''}`}
          onClick={() => update((d) => setResourceId(d, first.id, preset))}
        >
          Use id of {first.label.length > 24 ? `${first.label.slice(0, 22)}…` : first.label}
        </button>
      )}
    </span>
  );
}

export function RequestBar() {
  const { tabId, draft, update, preset, schema, endpoint, collectionVariables, runtime, send, cancel, embedded } = useComposer();
  const info = operationInfo(draft.operation);
  const types = schema.registry.resourceTypes;
  const sending = runtime.sending !== undefined;
  const query = requestPath(draft).slice(draft.path.length);
  const curl = () => toCurl(toRequestSpec(draft, endpoint?.id ?? ''), endpoint, collectionVariables);
  const knownType = !draft.resourceType || types.some((t) => t.name === draft.resourceType);
  return (
    <div className="request-bar">
      <div className="request-bar-row">
        <OperationPicker />
        {(info.needsType || draft.operation === 'search' || draft.operation === 'bulk') && (
          <select className="select" aria-label="Resource type" value={draft.resourceType} onChange={(event) => update((d) => setResourceType(d, event.target.value, preset))}>
            {!info.needsType && <option value="">{draft.operation === 'search' ? 'All resource types' : '—'}</option>}
            {!knownType && <option value={draft.resourceType}>{draft.resourceType} (not on this server)</option>}
            {types.map((t) => (
              <option key={t.id} value={t.name} title={t.description}>
                {t.name} ({t.endpoint})
              </option>
            ))}
          </select>
        )}
        {info.needsId && <IdField />}
        {schema.status === 'loading' && <span className="muted small">Reading /ResourceTypes…</span>}
        <span className="request-bar-spacer" />
        {!embedded && <EndpointChoice tabId={tabId} />}
      </div>
      <div className="request-bar-row">
        {draft.operation === 'raw' ? (
          <select className={`select method-select method-${draft.method}`} aria-label="Method" value={draft.method} onChange={(event) => update((d) => ({ ...d, method: event.target.value as HttpMethod }))}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        ) : (
          <span className={`method method-box method-${draft.method}`} aria-label={`Method ${draft.method}`}>
            {draft.method}
          </span>
        )}
        <div className="url-box" title={endpoint ? `${endpoint.baseUrl}${requestPath(draft)}` : undefined}>
          {endpoint && <span className="url-base mono">{endpoint.baseUrl.replace(/\/+$/, '')}</span>}
          <input className="url-path mono" aria-label="Path" spellCheck={false} value={draft.path} onChange={(event) => update((d) => ({ ...d, path: event.target.value }))} />
          {query && (
            <span className="url-query mono" aria-label="Query string">
              {query}
            </span>
          )}
        </div>
        {embedded ? null : sending ? (
          <button type="button" className="btn btn-send btn-cancel" onClick={() => void cancel()} title="Cancel (Esc)">
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-primary btn-send" onClick={() => void send()} title="Send (Ctrl+Enter / ⌘+Enter)">
            Send
          </button>
        )}
        <CopyButton text={curl} label="Copy as curl" className="btn btn-quiet">
          curl
        </CopyButton>
        {!embedded && <SaveButtons tabId={tabId} />}
      </div>
    </div>
  );
}
