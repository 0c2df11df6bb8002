import { AssertionOperator, OPERATOR_LABELS, UNARY_OPERATORS, type Assertion, type AssertionSource } from '@shared/model/assertion';

const SOURCES: { id: AssertionSource; label: string; path?: string; help: string }[] = [
  { id: 'status', label: 'Status', help: 'the HTTP status code' },
  { id: 'header', label: 'Header', path: 'header name, e.g. ETag', help: 'a response header (name ignoring case)' },
  { id: 'body', label: 'Body', path: 'e.g. emails[type eq "work"].value', help: 'a value of the JSON body at a JSON/SCIM path' },
  { id: 'time', label: 'Time (ms)', help: 'the response time in milliseconds' },
  { id: 'scim', label: 'SCIM errors', path: 'all, or a check id / code', help: 'the number of SCIM check errors on the answer' },
];

const EXPECTED_HINT: Partial<Record<AssertionOperator, string>> = {
  matches: 'regular expression, /…/i',
  in: '200, 201 or ["a","b"]',
  lt: 'number or dateTime',
  lte: 'number or dateTime',
  gt: 'number or dateTime',
  gte: 'number or dateTime',
};

const blank = (from: AssertionSource): Assertion =>
  from === 'scim' ? { from, path: '', op: 'equals', value: '0', enabled: true } : from === 'status' ? { from, path: '', op: 'equals', value: '200', enabled: true } : { from, path: '', op: from === 'time' ? 'lt' : 'equals', value: from === 'time' ? '1000' : '', enabled: true };

/**
 * A request's assertions as a table (Bruno's assert, Postman's tests without a script): what is
 * checked, how, against what. `{{variables}}` in the expected value are filled in when the run sends it.
 */
export function AssertionsEditor({ assertions, onChange }: { assertions: Assertion[]; onChange(assertions: Assertion[]): void }) {
  const set = (i: number, patch: Partial<Assertion>) => onChange(assertions.map((a, k) => (k === i ? { ...a, ...patch } : a)));
  const enabled = assertions.filter((a) => a.enabled).length;
  return (
    <section className="assertions" aria-label="Assertions">
      <h3>Assertions</h3>
      <p className="muted small" role="note">
        {enabled === 0
          ? 'None yet: a run counts this request as passed when its status is below 400 (the default assertion).'
          : 'A run counts this request as passed when every checked assertion passes. Expected values may use {{variables}}.'}
      </p>
      {assertions.length > 0 && (
        <table className="assertion-table" aria-label="Assertions of this request">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">What</th>
              <th scope="col">Path or name</th>
              <th scope="col">Operator</th>
              <th scope="col">Expected</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {assertions.map((a, i) => {
              const source = SOURCES.find((s) => s.id === a.from)!;
              const unary = UNARY_OPERATORS.includes(a.op);
              const n = i + 1;
              return (
                <tr key={i} className={a.enabled ? undefined : 'is-disabled'}>
                  <td>
                    <input type="checkbox" aria-label={`Assertion ${n} on`} checked={a.enabled} onChange={(e) => set(i, { enabled: e.target.checked })} />
                  </td>
                  <td>
                    <select aria-label={`Assertion ${n} checks`} value={a.from} title={source.help} onChange={(e) => set(i, { from: e.target.value as AssertionSource, ...(source.path ? {} : { path: '' }) })}>
                      {SOURCES.map((s) => (
                        <option key={s.id} value={s.id} title={s.help}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="text"
                      className="mono"
                      aria-label={`Assertion ${n} path`}
                      placeholder={source.path ?? '—'}
                      disabled={!source.path}
                      spellCheck={false}
                      value={a.path}
                      onChange={(e) => set(i, { path: e.target.value })}
                    />
                  </td>
                  <td>
                    <select aria-label={`Assertion ${n} operator`} value={a.op} onChange={(e) => set(i, { op: e.target.value as AssertionOperator })}>
                      {AssertionOperator.options.map((op) => (
                        <option key={op} value={op}>
                          {OPERATOR_LABELS[op]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="text"
                      className="mono"
                      aria-label={`Assertion ${n} expected`}
                      placeholder={unary ? '—' : (EXPECTED_HINT[a.op] ?? 'value')}
                      disabled={unary}
                      spellCheck={false}
                      value={unary ? '' : a.value}
                      onChange={(e) => set(i, { value: e.target.value })}
                    />
                  </td>
                  <td>
                    <button type="button" className="btn btn-quiet btn-small" aria-label={`Remove assertion ${n}`} onClick={() => onChange(assertions.filter((_, k) => k !== i))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="card-actions">
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onChange([...assertions, blank('status')])}>
          + Add assertion
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onChange([...assertions, blank('body')])}>
          + Body value
        </button>
        <button type="button" className="btn btn-quiet btn-small" title="The answer breaks none of the SCIM checks (errors only)" onClick={() => onChange([...assertions, blank('scim')])}>
          + No SCIM check errors
        </button>
      </div>
    </section>
  );
}
