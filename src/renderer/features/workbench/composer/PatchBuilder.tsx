import { useMemo, useState } from 'react';
import { AttributePicker } from '../../filter-builder/AttributePicker';
import { bodySchema } from '../model/body-checks';
import { checkPatchPath, patchPathOptions, patchTarget, valueSchemaFor } from '../model/patch-paths';
import { parsePatchBody, readValue, writePatchBody, type PatchOpDraft } from '../model/patch-ops';
import { setBody } from '../model/presets';
import { patchTemplate, pretty } from '../model/templates';
import { useComposer } from './composer-context';
import { LazyJsonEditor } from './LazyJsonEditor';

const OPS = ['add', 'replace', 'remove'];

function preview(value: string): string {
  const compact = value.replace(/\s+/g, ' ').trim();
  return compact.length > 80 ? `${compact.slice(0, 77)}…` : compact;
}

/** What a value must be, in words, from its JSON Schema. */
export function describeValue(schema: Record<string, unknown> | undefined, hasPath: boolean): string {
  if (!hasPath) return 'an object with the attributes to add or replace, e.g. {"displayName": "…"}';
  if (!schema) return 'any JSON value (the schema does not describe this path)';
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? 'a date-time string, e.g. "2024-05-13T04:42:34Z"' : 'a string in double quotes, e.g. "…"';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'array':
      return 'a list of values, e.g. [{"value": "…"}]';
    case 'object':
      return 'an object of sub-attributes, e.g. {"value": "…"}';
    default:
      return 'a JSON value';
  }
}

function ValueEditor({ op, index, onCommit }: { op: PatchOpDraft; index: number; onCommit(value: string): void }) {
  const { tabId, schema, resourceType, send } = useComposer();
  const registry = schema.registry;
  // typed text is kept here until it is JSON, so nothing half-typed is written into the body
  const [text, setText] = useState(op.value);
  const [synced, setSynced] = useState(op.value);
  if (op.value !== synced) {
    setSynced(op.value);
    if (readValue(text).ok) setText(op.value);
  }
  const checked = checkPatchPath(op.path, registry);
  const resourceSchema = bodySchema(registry, resourceType, 'replace') as Record<string, unknown> | undefined;
  const valueSchema = useMemo(
    () => (checked.ok ? valueSchemaFor(resourceSchema, checked.path, registry, resourceType) : undefined),
    // the path text decides the schema
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [op.path, resourceSchema, registry, resourceType],
  );
  const parsed = readValue(text);
  return (
    <div className="patch-value">
      {checked.ok && <p className="patch-hint muted small">value: {describeValue(valueSchema, checked.path !== undefined)} · Ctrl+Space suggests</p>}
      <LazyJsonEditor
        value={text}
        onChange={(next) => {
          setText(next);
          if (readValue(next).ok) onCommit(next);
        }}
        label={`Value of operation ${index + 1}`}
        modelUri={`inmemory://scim/${tabId}/patch-value-${index}.json`}
        schema={valueSchema}
        height={140}
        compact
        problems={false}
        onSubmit={send}
      />
      {!parsed.ok && (
        <p className="patch-error small" role="alert">
          Not JSON yet ({parsed.reason}); the body keeps the last valid value. Strings need double quotes.
        </p>
      )}
    </div>
  );
}

/**
 * PATCH operations as a list (op, path picked from the schema, value in Monaco with that
 * attribute's schema), two-way with the JSON body: the body is the truth, this is a view of it.
 */
export function PatchBuilder() {
  const { draft, update, schema, resourceType } = useComposer();
  const registry = schema.registry;
  // which operation's value editor is open (one at a time: each is a Monaco editor)
  const [open, setOpen] = useState(-1);
  const parsed = parsePatchBody(draft.body);
  const options = useMemo(() => patchPathOptions(registry, resourceType), [registry, resourceType]);

  if (!parsed.ok) {
    return (
      <div className="patch-builder">
        <div className="callout callout-warn" role="alert">
          <p>
            The builder cannot show this body: {parsed.reason} Fix it in the Body tab, where the editor shows where the problem is.
          </p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => update((d) => ({ ...setBody(d, pretty(patchTemplate())), stash: { ...d.stash, 'patch-replaced': d.body } }))}
            title="The current body is kept aside in this tab"
          >
            Start over with an empty PatchOp
          </button>
        </div>
      </div>
    );
  }

  const write = (ops: PatchOpDraft[]) => update((d) => setBody(d, writePatchBody(parsed.schemas, parsed.extra, ops)));
  const setOp = (i: number, change: Partial<PatchOpDraft>) => write(parsed.ops.map((o, j) => (j === i ? { ...o, ...change } : o)));
  const move = (i: number, delta: -1 | 1) => {
    const ops = [...parsed.ops];
    const [moved] = ops.splice(i, 1);
    ops.splice(i + delta, 0, moved!);
    write(ops);
    setOpen(i + delta);
  };

  return (
    <div className="patch-builder">
      {parsed.ops.length === 0 && <p className="muted small patch-empty">No operations yet. A PATCH request needs at least one (RFC 7644 §3.5.2).</p>}
      <ol className="patch-ops">
        {parsed.ops.map((op, i) => {
          const checked = checkPatchPath(op.path, registry);
          const target = checked.ok ? patchTarget(checked.path, registry, resourceType) : undefined;
          const unknown = checked.ok && checked.path?.name && !target;
          const expanded = open === i;
          const lowerOp = op.op.toLowerCase();
          return (
            <li key={i} className={`patch-op ${expanded ? 'is-open' : ''}`}>
              <div role="group" aria-label={`Operation ${i + 1}`} className="patch-op-row">
                <span className="patch-index mono">{i + 1}</span>
                <select className="select patch-op-select" aria-label="op" value={OPS.includes(op.op) ? op.op : op.op} onChange={(event) => setOp(i, { op: event.target.value, ...(event.target.value === 'remove' ? { value: '' } : {}) })}>
                  {!OPS.includes(op.op) && <option value={op.op}>{op.op || '(none)'}</option>}
                  {OPS.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
                <AttributePicker
                  value={op.path}
                  options={options}
                  onCommit={(path) => setOp(i, { path })}
                  label="path"
                  placeholder={lowerOp === 'remove' ? 'path (required for remove)' : '(no path: value holds attributes)'}
                  invalid={!checked.ok || Boolean(unknown)}
                  className="patch-path"
                />
                {!expanded && lowerOp !== 'remove' && (
                  <button type="button" className="patch-preview mono" onClick={() => setOpen(i)} aria-label={`Edit value of operation ${i + 1}`}>
                    {preview(op.value) || <span className="muted">no value</span>}
                  </button>
                )}
                <span className="row-tools">
                  <button type="button" className="icon-btn" aria-label={`Move operation ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-btn" aria-label={`Move operation ${i + 1} down`} disabled={i === parsed.ops.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove operation ${i + 1}`} onClick={() => write(parsed.ops.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </span>
              </div>
              {!checked.ok && (
                <p className="patch-error small" role="alert">
                  Column {checked.error.position + 1}: {checked.error.message}
                </p>
              )}
              {unknown && (
                <p className="row-problem" role="note">
                  “{checked.ok && checked.path?.name}” is not an attribute of {resourceType?.name ?? 'this resource type'}.
                </p>
              )}
              {target && <p className="patch-target muted small">{target.description}</p>}
              {lowerOp === 'remove' && !op.path.trim() && (
                <p className="patch-error small" role="alert">
                  remove needs a path (RFC 7644 §3.5.2.2).
                </p>
              )}
              {expanded && lowerOp !== 'remove' && <ValueEditor key={`${i}:${op.path}`} op={op} index={i} onCommit={(value) => setOp(i, { value })} />}
            </li>
          );
        })}
      </ol>
      <div className="patch-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            write([...parsed.ops, { op: 'replace', path: '', value: '', extra: {} }]);
            setOpen(parsed.ops.length);
          }}
        >
          + Operation
        </button>
        <span className="muted small">The Body tab shows the same request as JSON; edit either.</span>
      </div>
    </div>
  );
}
