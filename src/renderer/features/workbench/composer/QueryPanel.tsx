import { useMemo } from 'react';
import type { QueryDraft } from '@shared/model/workspace';
import { buildQuery } from '@shared/scim';
import { AttributePicker } from '../../filter-builder/AttributePicker';
import { attributeOptions } from '../../filter-builder/attributes';
import { FilterBuilder } from '../../filter-builder/FilterBuilder';
import { responseJson } from '../model/last-response';
import { operationInfo } from '../model/operations';
import { setQuery } from '../model/presets';
import { useLayout } from '../../../stores/layout';
import { AttributeListField } from './AttributeListField';
import { useComposer } from './composer-context';

function NumberField({ label, value, min, onChange, placeholder }: { label: string; value: number | undefined; min: number; onChange(value: number | undefined): void; placeholder: string }) {
  return (
    <label className="field-inline">
      <span>{label}</span>
      <input
        className="input mono num-input"
        type="number"
        min={min}
        step={1}
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(event) => {
          const text = event.target.value.trim();
          const n = Number(text);
          onChange(text === '' || !Number.isInteger(n) || n < min ? undefined : n);
        }}
      />
    </label>
  );
}

function nextCursorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>).nextCursor;
  return typeof value === 'string' ? value : undefined;
}

/** Filter, attributes, sorting and paging (RFC 7644 §3.4.2, RFC 9865 cursors). */
export function QueryPanel() {
  const { draft, update, schema, resourceType, runtime, send } = useComposer();
  const info = operationInfo(draft.operation);
  const options = useMemo(() => attributeOptions(schema.registry, resourceType), [schema.registry, resourceType]);
  const q = draft.query;
  const set = (change: Partial<QueryDraft>) => update((d) => setQuery(d, { ...d.query, ...change }));
  const nextCursor = nextCursorOf(responseJson(runtime.exchange));
  const showTree = useLayout((s) => s.filterTree);
  const toggleTree = useLayout((s) => s.toggleFilterTree);

  return (
    <div className="query-panel">
      {info.query === 'list' && (
        <section className="q-section" aria-label="Filter">
          <div className="q-head">
            <h3 className="q-title">Filter</h3>
            <button type="button" className="btn btn-small btn-quiet" aria-pressed={showTree} onClick={toggleTree} title="Show or hide the tree of conditions under the text">
              {showTree ? 'Hide builder' : 'Show builder'}
            </button>
          </div>
          <FilterBuilder
            showTree={showTree}
            value={q.filter}
            onChange={(filter) => set({ filter })}
            registry={schema.registry}
            resourceType={resourceType}
            encode={(filter) => buildQuery({ filter })}
            onSubmit={send}
          />
        </section>
      )}
      <section className="q-section q-grid" aria-label="Attributes">
        <h3 className="q-title">Attributes</h3>
        <AttributeListField label="attributes" values={q.attributes} options={options} onChange={(attributes) => set({ attributes })} hint="return only these…" />
        <AttributeListField label="excludedAttributes" values={q.excludedAttributes} options={options} onChange={(excludedAttributes) => set({ excludedAttributes })} hint="leave these out…" />
        {q.attributes.length > 0 && q.excludedAttributes.length > 0 && (
          <p className="q-warning small" role="note">
            Both lists are set: RFC 7644 §3.9 expects one or the other, and servers differ on which wins.
          </p>
        )}
      </section>
      {info.query === 'list' && (
        <>
          <section className="q-section q-row" aria-label="Sorting">
            <h3 className="q-title">Sort</h3>
            <AttributePicker value={q.sortBy} options={options} label="sortBy" placeholder="sortBy (server order)" onCommit={(sortBy) => set({ sortBy })} className="q-sort" />
            <select className="select" aria-label="sortOrder" value={q.sortOrder} onChange={(event) => set({ sortOrder: event.target.value as QueryDraft['sortOrder'] })}>
              <option value="">default order</option>
              <option value="ascending">ascending</option>
              <option value="descending">descending</option>
            </select>
            {schema.sortSupported === false && (q.sortBy.trim() !== '' || q.sortOrder !== '') && (
              <p className="q-warning small" role="note" aria-label="Sort not supported">
                This server&apos;s ServiceProviderConfig says sort is not supported (<code>sort.supported</code> is false): it may ignore {q.sortBy.trim() ? 'sortBy' : 'sortOrder'} and
                answer in its own order, or refuse the request (RFC 7643 §5, RFC 7644 §3.4.2.3).
              </p>
            )}
          </section>
          <section className="q-section q-row" aria-label="Paging">
            <h3 className="q-title">Paging</h3>
            <span role="radiogroup" aria-label="Paging method" className="seg">
              <button type="button" role="radio" aria-checked={q.paging === 'index'} className="seg-btn" onClick={() => set({ paging: 'index' })}>
                Index
              </button>
              <button
                type="button"
                role="radio"
                aria-checked={q.paging === 'cursor'}
                className="seg-btn"
                disabled={!schema.cursorPaging && q.paging !== 'cursor'}
                title={schema.cursorPaging ? 'RFC 9865 cursor paging' : 'This server does not announce RFC 9865 cursor paging in its ServiceProviderConfig'}
                onClick={() => set({ paging: 'cursor' })}
              >
                Cursor
              </button>
            </span>
            {q.paging === 'index' ? (
              <NumberField label="startIndex" value={q.startIndex} min={1} placeholder="1" onChange={(startIndex) => set({ startIndex })} />
            ) : (
              <label className="field-inline field-grow">
                <span>cursor</span>
                <input className="input mono" placeholder="(first page)" value={q.cursor} spellCheck={false} onChange={(event) => set({ cursor: event.target.value })} />
                {nextCursor && nextCursor !== q.cursor && (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => set({ cursor: nextCursor })}>
                    Next page
                  </button>
                )}
              </label>
            )}
            <NumberField label="count" value={q.count} min={0} placeholder="server default" onChange={(count) => set({ count })} />
          </section>
        </>
      )}
    </div>
  );
}
