import { useEffect, useState } from 'react';
import { ConformanceProfile, sameServer, summarize } from '@shared/model/conformance';
import { useApi } from '../../app/api-context';
import { useConformance } from '../../stores/conformance';
import { CheckList } from './CheckList';
import { PROFILE_LABEL } from './format';
import { SummaryCounts } from './SummaryCounts';

const PHASES = { starting: 'Starting…', discovery: 'Reading the discovery documents…', checks: 'Running checks', cleanup: 'Removing what the run created…', done: 'Done' } as const;

/** Start a run (endpoint, profile, groups, read-only), then watch it with the option to cancel. */
export function RunForm() {
  const api = useApi();
  const draft = useConformance((s) => s.draft);
  const groups = useConformance((s) => s.groups);
  const live = useConformance((s) => s.live);
  const startError = useConformance((s) => s.startError);
  const { setDraft, loadGroups, start, cancel } = useConformance.getState();
  const [endpoints, setEndpoints] = useState<{ id: string; name: string; baseUrl: string }[]>();

  useEffect(() => {
    void loadGroups(api);
  }, [api, loadGroups]);

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .call('endpoints.list', {})
        .then((list) => {
          if (!live) return;
          setEndpoints(list.endpoints.map((e) => ({ id: e.id, name: e.name, baseUrl: e.baseUrl })));
          const current = useConformance.getState().draft.endpointId;
          if (!list.endpoints.some((e) => e.id === current)) setDraft({ endpointId: list.defaultId ?? list.endpoints[0]?.id ?? '' });
        })
        .catch(() => live && setEndpoints([]));
    void load();
    const off = api.on('endpoints.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [api, setDraft]);

  const usable = (groups ?? []).filter((g) => g.checks > 0);
  const endpoint = endpoints?.find((e) => e.id === draft.endpointId);
  // Sec04's second credential: another endpoint for the same server (its secret stays in the keychain)
  const limitedChoices = (endpoints ?? []).filter((e) => endpoint !== undefined && e.id !== endpoint.id && sameServer(e.baseUrl, endpoint.baseUrl));
  const limitedId = limitedChoices.some((e) => e.id === draft.limitedEndpointId) ? draft.limitedEndpointId : '';
  const toggleGroup = (key: string, on: boolean) => setDraft({ groups: on ? [...draft.groups, key] : draft.groups.filter((g) => g !== key) });
  const selectedChecks = usable.filter((g) => draft.groups.length === 0 || draft.groups.includes(g.key)).reduce((n, g) => n + g.checks - (draft.readOnly ? g.mutating : 0), 0);

  if (live) {
    const percent = live.total > 0 ? Math.round((live.done / live.total) * 100) : 0;
    return (
      <div className="page cf-page">
        <header className="page-header cf-live-header">
          <h1>Running against {live.endpointName}</h1>
          <button type="button" className="btn" disabled={live.cancelling} onClick={() => void cancel(api)}>
            {live.cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        </header>
        <div className="cf-progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={live.total || 1} aria-valuenow={live.done} aria-valuetext={`${live.done} of ${live.total} checks`}>
          <div className="cf-progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <p className="cf-progress-text" aria-live="polite">
          {live.cancelling && live.phase !== 'cleanup' ? 'Cancelling: the checks in flight are stopping…' : PHASES[live.phase]}
          {live.total > 0 && ` · ${live.done} of ${live.total}`} <SummaryCounts summary={summarize(live.results)} />
        </p>
        {live.results.length > 0 && <CheckList checks={[...live.results].reverse()} label="Finished checks, newest first" />}
      </div>
    );
  }

  return (
    <div className="page cf-page">
      <header className="page-header">
        <h1>New conformance run</h1>
      </header>
      <form
        className="card cf-form"
        aria-label="New conformance run"
        onSubmit={(e) => {
          e.preventDefault();
          if (!endpoint) return;
          if (draft.limitedEndpointId !== limitedId) setDraft({ limitedEndpointId: limitedId });
          void start(api, endpoint.name);
        }}
      >
        <div className="cf-form-row">
          <label className="field cf-grow">
            <span>Endpoint</span>
            <select className="select" value={draft.endpointId} onChange={(e) => setDraft({ endpointId: e.target.value })} disabled={!endpoints || endpoints.length === 0}>
              {(endpoints ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} — {e.baseUrl}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Profile</span>
            <select className="select" value={draft.profile} onChange={(e) => setDraft({ profile: ConformanceProfile.parse(e.target.value) })}>
              {ConformanceProfile.options.map((p) => (
                <option key={p} value={p}>
                  {PROFILE_LABEL[p]}
                </option>
              ))}
            </select>
          </label>
          <label className="field cf-narrow">
            <span>Requests at once</span>
            <input className="input" type="number" min={1} max={32} value={draft.concurrency} onChange={(e) => setDraft({ concurrency: Math.min(32, Math.max(1, Math.round(Number(e.target.value)) || 1)) })} />
          </label>
        </div>
        <label className="field">
          <span>Limited credential (check Sec04: 403, not 401, for a caller who may not write)</span>
          <select className="select" value={limitedId} onChange={(e) => setDraft({ limitedEndpointId: e.target.value })} disabled={limitedChoices.length === 0}>
            <option value="">{limitedChoices.length === 0 ? 'None: save another endpoint for this server with a read-only token to use one' : 'None (Sec04 is skipped)'}</option>
            {limitedChoices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.readOnly} onChange={(e) => setDraft({ readOnly: e.target.checked })} />
          Read-only: only checks that never create, change or delete anything (for servers holding real data)
        </label>
        <fieldset className="cf-groups">
          <legend>
            Groups <span className="muted small">{draft.groups.length === 0 ? '(all)' : `(${draft.groups.length} chosen)`}</span>
          </legend>
          {groups === undefined ? (
            <p className="muted small">Loading the catalogue…</p>
          ) : (
            <div className="cf-group-grid">
              {usable.map((g) => (
                <label key={g.key} className="check">
                  <input type="checkbox" checked={draft.groups.includes(g.key)} onChange={(e) => toggleGroup(g.key, e.target.checked)} />
                  {g.label} <span className="muted small">{g.checks}</span>
                </label>
              ))}
            </div>
          )}
          {draft.groups.length > 0 && (
            <button type="button" className="link-btn small" onClick={() => setDraft({ groups: [] })}>
              All groups
            </button>
          )}
        </fieldset>
        {startError && (
          <div className="callout callout-error" role="alert">
            <strong>The run could not be made.</strong> {startError.message}
            {startError.hint && <p className="small">{startError.hint}</p>}
          </div>
        )}
        {endpoints && endpoints.length === 0 && <p className="muted">Add an endpoint first (Requests view, sidebar).</p>}
        <div className="card-actions">
          <button type="submit" className="btn btn-primary" disabled={!endpoint}>
            Run {selectedChecks} check{selectedChecks === 1 ? '' : 's'}
          </button>
          {endpoint && <span className="muted small">against {endpoint.baseUrl}; what the run creates is named with a unique prefix and removed at the end.</span>}
        </div>
      </form>
    </div>
  );
}
