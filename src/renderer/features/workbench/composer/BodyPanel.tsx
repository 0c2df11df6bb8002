import { useMemo } from 'react';
import { responseJson } from '../model/last-response';
import { operationInfo, methodHasBody } from '../model/operations';
import { setBody } from '../model/presets';
import { bulkTemplate, pretty, resourceTemplates } from '../model/templates';
import { bodyChecks, bodySchema } from '../model/body-checks';
import { useComposer } from './composer-context';
import { LazyJsonEditor } from './LazyJsonEditor';

function withoutMeta(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k.toLowerCase() !== 'meta'));
}

/** The request body in Monaco, checked against the resource type's JSON Schema and the SCIM rules. */
export function BodyPanel() {
  const { tabId, draft, update, schema, resourceType, runtime, send } = useComposer();
  const info = operationInfo(draft.operation);
  const registry = schema.registry;
  const jsonSchema = useMemo(() => bodySchema(registry, resourceType, draft.operation), [registry, resourceType, draft.operation]);
  const check = useMemo(() => bodyChecks(registry, resourceType, draft.operation), [registry, resourceType, draft.operation]);
  const templates = useMemo(() => (resourceType && info.body === 'resource' ? resourceTemplates(registry, resourceType) : []), [registry, resourceType, info.body]);
  const last = responseJson(runtime.exchange);
  const lastIsResource = typeof last === 'object' && last !== null && !Array.isArray(last) && typeof (last as Record<string, unknown>).id === 'string';
  const unused = draft.operation === 'raw' && !methodHasBody(draft.method);

  const format = () => {
    try {
      update((d) => setBody(d, pretty(JSON.parse(d.body))));
    } catch {
      // not JSON: the editor already says where
    }
  };

  return (
    <div className="body-panel">
      <div className="body-toolbar">
        {templates.length > 0 && (
          <select
            className="select"
            aria-label="Insert template"
            value=""
            onChange={(event) => {
              const template = templates.find((t) => t.id === event.target.value);
              if (template) update((d) => setBody(d, pretty(template.build())));
            }}
          >
            <option value="">Templates…</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id} title={t.description}>
                {t.label}
              </option>
            ))}
          </select>
        )}
        {draft.operation === 'replace' && lastIsResource && (
          <button type="button" className="btn btn-small" onClick={() => update((d) => setBody(d, pretty(withoutMeta(last))))} title="Start from the resource the last response returned (meta left out)">
            From last response
          </button>
        )}
        {draft.operation === 'bulk' && (
          <button type="button" className="btn btn-small" onClick={() => update((d) => setBody(d, pretty(bulkTemplate(registry, resourceType))))}>
            Bulk template
          </button>
        )}
        <button type="button" className="btn btn-small btn-quiet" onClick={format}>
          Format
        </button>
        <span className="fb-head-spacer" />
        {jsonSchema && resourceType && (
          <span className="muted small" title="Completion (Ctrl+Space), hovers and checks come from this server's schema">
            Schema: {resourceType.name} · {draft.operation}
          </span>
        )}
        {draft.operation === 'search' && <span className="muted small">The query panel and this body stay in step.</span>}
      </div>
      {unused && <p className="muted small body-note">A {draft.method} request sends no body; choose POST, PUT, PATCH or DELETE to send one.</p>}
      <div className="body-editor">
        <LazyJsonEditor
          value={draft.body}
          onChange={(body) => update((d) => setBody(d, body))}
          label="Request body"
          modelUri={`inmemory://scim/${tabId}/body.json`}
          schema={jsonSchema}
          check={check}
          onSubmit={send}
        />
      </div>
    </div>
  );
}
