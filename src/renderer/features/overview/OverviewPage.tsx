import { lazy, Suspense, useState } from 'react';
import { useApi } from '../../app/api-context';
import { useAppInfo } from '../../stores/app-info';

const JsonViewer = lazy(() => import('../../monaco/JsonViewer'));

const CAPABILITY_LABELS: Record<string, string> = {
  nativeDialogs: 'Native file dialogs',
  keychain: 'OS keychain for secrets',
  sandbox: 'Embedded sandbox server',
  openExternal: 'Open links in the OS',
};

export function OverviewPage() {
  const api = useApi();
  const state = useAppInfo((s) => s.state);
  const reload = useAppInfo((s) => s.load);
  const [showRaw, setShowRaw] = useState(false);

  if (state.status === 'failed') {
    return (
      <div className="page">
        <div className="callout callout-error" role="alert">
          <h2>The app core did not answer</h2>
          <p>{state.error.message}</p>
          <button className="btn" onClick={() => void reload(api)}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (state.status !== 'ready') {
    return (
      <div className="page" aria-busy="true">
        <p className="muted">Connecting to the app core…</p>
      </div>
    );
  }
  const { info } = state;
  return (
    <div className="page">
      <header className="page-header">
        <h1>SCIM Inspector</h1>
        <p className="muted">Send, inspect and check requests against any SCIM 2.0 service provider.</p>
      </header>
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">This installation</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>Host</dt>
          <dd data-testid="app-host">{info.host === 'web' ? 'Web (local bridge on 127.0.0.1)' : 'Desktop'}</dd>
          <dt>Platform</dt>
          <dd>
            {info.platform} · Node {info.runtime.node}
            {info.runtime.electron ? ` · Electron ${info.runtime.electron}` : ''}
          </dd>
          <dt>Data directory</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>Capabilities</dt>
          <dd>
            <ul className="chips" aria-label="Capabilities">
              {Object.entries(info.capabilities).map(([key, on]) => (
                <li key={key} className={`chip ${on ? 'chip-on' : 'chip-off'}`}>
                  {CAPABILITY_LABELS[key] ?? key}: {on ? 'yes' : 'no'}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        <div className="card-actions">
          <button className="btn btn-quiet" aria-expanded={showRaw} onClick={() => setShowRaw((v) => !v)}>
            {showRaw ? 'Hide' : 'Show'} raw app.info
          </button>
        </div>
        {showRaw && (
          <Suspense fallback={<p className="muted">Loading editor…</p>}>
            <JsonViewer value={JSON.stringify(info, null, 2)} label="app.info response" height={260} />
          </Suspense>
        )}
      </section>
      <section className="card" aria-labelledby="start-title">
        <h2 id="start-title">Getting started</h2>
        <ol className="steps">
          <li>Pick an endpoint in the sidebar, or use the built-in Sandbox.</li>
          <li>Open Discovery to see what the server supports.</li>
          <li>Compose a request, send it with Ctrl+Enter, read the SCIM checks.</li>
        </ol>
        <p className="muted small">Keyboard: Alt+1…4 switch views, Ctrl+B toggles the sidebar.</p>
      </section>
    </div>
  );
}
