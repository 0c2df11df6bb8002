import { HttpMethod } from '@shared/model/exchange';
import type { StatusClass } from '@shared/model/history';
import { useHistory } from '../../stores/history';
import { STATUS_CLASSES } from './format';

const toggle = <T,>(list: readonly T[] | undefined, value: T): T[] | undefined => {
  const next = list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
  return next.length ? next : undefined;
};

/** `datetime-local` value ↔ ISO 8601 */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

export function HistoryFilters({ endpoints }: { endpoints: Map<string, string> }) {
  const filters = useHistory((s) => s.filters);
  const setFilters = useHistory((s) => s.setFilters);
  return (
    <div className="history-filters" role="group" aria-label="Filters">
      <div className="filter-row" role="group" aria-label="Method">
        {HttpMethod.options.slice(0, 5).map((method) => (
          <button key={method} type="button" className="filter-chip" aria-pressed={filters.methods?.includes(method) ?? false} onClick={() => setFilters({ methods: toggle(filters.methods, method) })}>
            {method}
          </button>
        ))}
      </div>
      <div className="filter-row" role="group" aria-label="Status">
        {STATUS_CLASSES.map((c: StatusClass) => (
          <button key={c} type="button" className={`filter-chip status-${c}`} aria-pressed={filters.statusClasses?.includes(c) ?? false} onClick={() => setFilters({ statusClasses: toggle(filters.statusClasses, c) })}>
            {c}
          </button>
        ))}
        <label className="filter-check">
          <input type="checkbox" checked={filters.errorsOnly ?? false} onChange={(e) => setFilters({ errorsOnly: e.target.checked || undefined })} />
          Errors only
        </label>
      </div>
      <label className="filter-field">
        <span>Endpoint</span>
        <select value={filters.endpointId ?? ''} onChange={(e) => setFilters({ endpointId: e.target.value || undefined })}>
          <option value="">All endpoints</option>
          {[...endpoints].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-row">
        <label className="filter-field">
          <span>From</span>
          <input type="datetime-local" value={toLocalInput(filters.from)} onChange={(e) => setFilters({ from: fromLocalInput(e.target.value) })} />
        </label>
        <label className="filter-field">
          <span>To</span>
          <input type="datetime-local" value={toLocalInput(filters.to)} onChange={(e) => setFilters({ to: fromLocalInput(e.target.value) })} />
        </label>
      </div>
    </div>
  );
}
