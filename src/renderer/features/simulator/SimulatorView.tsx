import { useEffect } from 'react';
import { ProfileId, type RunMode } from '@shared/idp';
import { useApi } from '../../app/api-context';
import { useSelectedEndpoint } from '../../stores/endpoints';
import { useEndpointsSync } from '../endpoints/use-endpoints-sync';
import { TabPanel, Tabs, type TabSpec } from '../inspector/ui/Tabs';
import { DirectoryPanel } from './DirectoryPanel';
import { MappingTable } from './MappingTable';
import { RunReportView } from './RunReportView';
import { useSimulator, type SimulatorTab } from './store';
import '../inspector/inspector.css';
import '../history/history.css';
import './simulator.css';

const RUNS: { mode: RunMode; label: string; title: string }[] = [
  { mode: 'full', label: 'Full cycle', title: 'Test connection, then every user and group, as the first cycle after "Start provisioning"' },
  { mode: 'incremental', label: 'Incremental cycle', title: 'Only what changed in the test directory since the last cycle against this endpoint' },
  { mode: 'deprovision', label: 'Deprovision all', title: 'Remove every provisioned group and user as the IdP ends them' },
];

/** Play Entra ID or Okta against an endpoint: mappings, test users, cycles, and each step as the IdP would log it. */
export function SimulatorView() {
  useEndpointsSync();
  const api = useApi();
  const endpoint = useSelectedEndpoint();
  const { tab, profiles, profile, rate, running, report, error, notice, draftMappings } = useSimulator();

  useEffect(() => {
    void useSimulator.getState().load(api);
    return api.on('simulator.progress', (event) => useSimulator.getState().progress(event));
  }, [api]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && useSimulator.getState().running) void useSimulator.getState().cancel(api);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  const info = profiles.find((p) => p.id === profile);
  const tabs: TabSpec<SimulatorTab>[] = [
    { id: 'mappings', label: 'Attribute mappings', ...(draftMappings ? { badge: '•', ariaLabel: 'Attribute mappings (unsaved)' } : {}) },
    { id: 'directory', label: 'Test users and groups' },
    { id: 'run', label: 'Provisioning log', ...(report && report.counts.failed ? { badge: report.counts.failed, tone: 'error' as const } : {}) },
  ];
  return (
    <div className="page sim-view">
      <header className="sim-header">
        <div className="sim-title">
          <h1>IdP simulator</h1>
          <p className="muted small">{info?.summary ?? 'Plays Microsoft Entra ID or Okta against your SCIM endpoint.'}</p>
          {info && (
            <details className="small sim-reads">
              <summary>How {info.idp === 'entra' ? 'Entra ID' : 'Okta'} reads your answers</summary>
              <dl>
                <dt>Nothing found</dt>
                <dd>{info.reads.notFound}</dd>
                <dt>Create</dt>
                <dd>{info.reads.create}</dd>
                <dt>Updates</dt>
                <dd>{info.reads.writes}</dd>
                <dt>Retries</dt>
                <dd>{info.reads.retries}</dd>
              </dl>
              <p className="muted">Sources: {info.sources.map((s) => s.cite).join('; ')}.</p>
            </details>
          )}
        </div>
        <div className="sim-controls">
          <label className="field">
            <span>Client profile</span>
            <select className="select" value={profile} disabled={running !== undefined} onChange={(e) => void useSimulator.getState().setProfile(api, ProfileId.parse(e.target.value))}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Requests per second</span>
            <input
              className="input sim-narrow"
              type="number"
              min={0}
              max={10000}
              value={rate}
              title="0 sends as fast as the server answers; Entra's gallery asks servers to take 25/s"
              onChange={(e) => useSimulator.getState().setRate(Math.max(0, Math.min(10_000, Number(e.target.value) || 0)))}
            />
          </label>
          <div className="field">
            <span>Endpoint</span>
            <span className="sim-endpoint" title={endpoint?.baseUrl}>
              {endpoint ? endpoint.name : 'Pick one in the sidebar'}
            </span>
          </div>
        </div>
        <div className="card-actions">
          {RUNS.map((r) => (
            <button key={r.mode} type="button" className={r.mode === 'full' ? 'btn btn-primary' : 'btn'} title={r.title} disabled={!endpoint || running !== undefined} onClick={() => endpoint && void useSimulator.getState().run(api, endpoint.id, r.mode)}>
              {r.label}
            </button>
          ))}
          {running && (
            <button type="button" className="btn btn-danger" title="Cancel (Esc)" onClick={() => void useSimulator.getState().cancel(api)}>
              Cancel
            </button>
          )}
        </div>
      </header>
      {error && (
        <div className="callout callout-error sim-message" role="alert">
          {error.message}
          {'hint' in error && error.hint ? ` ${error.hint}` : ''}
          <button type="button" className="link-btn" onClick={() => useSimulator.getState().dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      {notice && !error && (
        <p className="muted small sim-message" role="status">
          {notice}
        </p>
      )}
      <Tabs label="Simulator" idPrefix="sim" tabs={tabs} selected={tab} onSelect={(t) => useSimulator.getState().setTab(t)} />
      <TabPanel idPrefix="sim" id={tab} className="sim-panel">
        {tab === 'mappings' && <MappingTable />}
        {tab === 'directory' && <DirectoryPanel />}
        {tab === 'run' && <RunReportView />}
      </TabPanel>
    </div>
  );
}
