import { useEffect, useMemo } from 'react';
import { FUNCTIONS, FUNCTION_NAMES, idpOf, mappingProblems, userAttributeNames, type MappingObject, type MappingProblem, type MappingRow } from '@shared/idp';
import { useApi } from '../../app/api-context';
import { useSimulator } from './store';

const USER_TARGETS = [
  'userName',
  'active',
  'displayName',
  'nickName',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'externalId',
  'name.givenName',
  'name.familyName',
  'name.middleName',
  'name.formatted',
  'emails[type eq "work"].value',
  'phoneNumbers[type eq "work"].value',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].streetAddress',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].region',
  'addresses[type eq "work"].postalCode',
  'addresses[type eq "work"].country',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
];

/** The field's text with the problem's span marked, so the user sees where it is. */
function Located({ text, problem }: { text: string; problem: MappingProblem }) {
  if (problem.position === undefined) return null;
  const end = problem.position + Math.max(1, problem.length ?? 1);
  return (
    <code className="sim-located" aria-hidden="true">
      {text.slice(0, problem.position)}
      <mark>{text.slice(problem.position, end) || ' '}</mark>
      {text.slice(end)}
    </code>
  );
}

let rowSeq = 0;
const newRowId = () => `row-${Date.now().toString(36)}-${(rowSeq++).toString(36)}`;

function Rows({ object, rows, problems, onChange }: { object: MappingObject; rows: MappingRow[]; problems: MappingProblem[]; onChange(rows: MappingRow[]): void }) {
  const update = (id: string, patch: Partial<MappingRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const label = object === 'user' ? 'User' : 'Group';
  const named = (row: MappingRow, i: number) => `${label.toLowerCase()} mapping ${row.target ? `to ${row.target}` : i + 1}`;
  return (
    <table className="sim-table sim-mapping-table" aria-label={`${label} attribute mappings`}>
      <thead>
        <tr>
          <th scope="col">Source attribute or expression</th>
          <th scope="col">SCIM attribute in your app</th>
          <th scope="col" title="Matching precedence: 1 is tried first; empty is not used to match">Matching</th>
          <th scope="col">Apply</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const own = problems.filter((p) => p.rowId === row.id);
          const sourceProblem = own.find((p) => p.field === 'source');
          const targetProblem = own.find((p) => p.field === 'target');
          return (
            <tr key={row.id} className={own.some((p) => p.severity === 'error') ? 'has-error' : undefined}>
              <td>
                <input
                  className="input mono sim-wide"
                  aria-label={`Source of ${named(row, i)}`}
                  value={row.source}
                  list={object === 'user' ? 'sim-sources' : undefined}
                  aria-invalid={sourceProblem?.severity === 'error'}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { source: e.target.value })}
                />
                {own
                  .filter((p) => p.field === 'source')
                  .map((p) => (
                    <div key={p.message} className={`sim-problem sim-${p.severity}`} role={p.severity === 'error' ? 'alert' : undefined}>
                      <Located text={row.source} problem={p} />
                      {p.position !== undefined ? `At ${p.position + 1}: ` : ''}
                      {p.message}
                    </div>
                  ))}
                {row.note && <div className="muted small">{row.note}</div>}
              </td>
              <td>
                <input
                  className="input mono sim-wide"
                  aria-label={`Target of ${label.toLowerCase()} mapping ${i + 1}`}
                  value={row.target}
                  list={object === 'user' ? 'sim-targets' : undefined}
                  aria-invalid={targetProblem?.severity === 'error'}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { target: e.target.value })}
                />
                {own
                  .filter((p) => p.field !== 'source')
                  .map((p) => (
                    <div key={p.message} className={`sim-problem sim-${p.severity}`} role={p.severity === 'error' ? 'alert' : undefined}>
                      {p.field === 'target' && <Located text={row.target} problem={p} />}
                      {p.message}
                    </div>
                  ))}
              </td>
              <td>
                <input
                  className="input sim-narrow"
                  type="number"
                  min={1}
                  max={10}
                  aria-label={`Matching precedence of ${named(row, i)}`}
                  value={row.matching ?? ''}
                  onChange={(e) => update(row.id, { matching: e.target.value === '' ? null : Math.max(1, Math.min(10, Math.round(Number(e.target.value)))) })}
                />
              </td>
              <td>
                <select className="select" aria-label={`When the ${named(row, i)} applies`} value={row.apply} onChange={(e) => update(row.id, { apply: e.target.value as MappingRow['apply'] })}>
                  <option value="always">Always</option>
                  <option value="create">Only on create</option>
                </select>
              </td>
              <td>
                <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove the ${named(row, i)}`} title="Remove this mapping" onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                  ×
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The profile's attribute mappings: editable, checked as you type, saved to a plain file. */
export function MappingTable() {
  const api = useApi();
  const profile = useSimulator((s) => s.profile);
  const view = useSimulator((s) => s.mappings);
  const draft = useSimulator((s) => s.draftMappings);
  const edit = useSimulator((s) => s.editMappings);
  const current = draft ?? view?.mappings;
  const idp = idpOf(profile);
  const problems = useMemo(() => (current ? mappingProblems(current, idp) : []), [current, idp]);
  const errors = problems.filter((p) => p.severity === 'error');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && useSimulator.getState().draftMappings) {
        event.preventDefault();
        void useSimulator.getState().saveMappings(api);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  if (!view || !current) return <p className="muted">Loading the mappings…</p>;
  const setRows = (object: MappingObject, rows: MappingRow[]) => edit({ ...current, [object]: rows });
  const tableProblems = problems.filter((p) => p.rowId === undefined);
  return (
    <section aria-label="Attribute mappings" className="sim-section">
      <div className="sim-toolbar">
        <p className="muted small">
          {view.fromFile ? 'Saved in' : 'The profile\'s defaults; saving writes'} <code>{view.file}</code>
        </p>
        <span className="sim-spacer" />
        {draft && <span className="sim-dirty">Unsaved changes</span>}
        <button type="button" className="btn btn-primary" disabled={!draft || errors.length > 0} title="Save (Ctrl+S)" onClick={() => void useSimulator.getState().saveMappings(api)}>
          Save mappings
        </button>
        <button type="button" className="btn" disabled={!draft} onClick={() => useSimulator.getState().revertMappings()}>
          Revert
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => void useSimulator.getState().resetMappings(api)}>
          Restore defaults
        </button>
      </div>
      {view.fileProblem && (
        <div className="callout callout-error" role="alert">
          The mapping file could not be used: {view.fileProblem.message}. The defaults are shown; saving keeps the old file as <code>.broken-…</code>.
        </div>
      )}
      {tableProblems.map((p) => (
        <div key={p.message} className={`sim-problem sim-${p.severity}`} role="alert">
          {p.message}
        </div>
      ))}
      <h2 className="sim-h2">Users</h2>
      <Rows object="user" rows={current.user} problems={problems.filter((p) => p.object === 'user')} onChange={(rows) => setRows('user', rows)} />
      <div className="card-actions">
        <button type="button" className="btn btn-small" onClick={() => setRows('user', [...current.user, { id: newRowId(), source: '', target: '', matching: null, apply: 'always' }])}>
          Add user mapping
        </button>
      </div>
      <h2 className="sim-h2">Groups</h2>
      <Rows object="group" rows={current.group} problems={problems.filter((p) => p.object === 'group')} onChange={(rows) => setRows('group', rows)} />
      <div className="card-actions">
        <button type="button" className="btn btn-small" onClick={() => setRows('group', [...current.group, { id: newRowId(), source: '', target: '', matching: null, apply: 'always' }])}>
          Add group mapping
        </button>
      </div>
      <details className="sim-help">
        <summary>Expressions</summary>
        <p className="small">
          A source attribute in brackets (<code>[mail]</code>{idp === 'okta' ? <>, or Okta's <code>user.email</code></> : null}), a constant in double quotes (<code>"User"</code>), or a function:
        </p>
        <ul className="small">
          {FUNCTION_NAMES.map((name) => {
            const def = FUNCTIONS.get(name.toLowerCase())!;
            return (
              <li key={name}>
                <code>{def.signature}</code>: {def.summary}
              </li>
            );
          })}
        </ul>
      </details>
      <datalist id="sim-sources">
        {userAttributeNames(idp).map((n) => (
          <option key={n} value={idp === 'okta' ? `user.${n}` : `[${n}]`} />
        ))}
      </datalist>
      <datalist id="sim-targets">
        {USER_TARGETS.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </section>
  );
}
