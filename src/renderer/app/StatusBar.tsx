import { useAppInfo } from '../stores/app-info';

export function StatusBar() {
  const state = useAppInfo((s) => s.state);
  return (
    <footer className="status-bar" role="contentinfo" aria-label="Status bar">
      {state.status === 'ready' ? (
        <>
          <span className="status-item" data-testid="status-host" title={`Running in the ${state.info.host === 'web' ? 'browser through the local web bridge' : 'desktop app'}`}>
            <span className={`status-dot ${state.info.host}`} aria-hidden="true" />
            {state.info.host === 'web' ? 'Web' : 'Desktop'}
          </span>
          <span className="status-item" data-testid="status-version">
            v{state.info.version}
          </span>
          <span className="status-item status-path" title={`Data directory: ${state.info.dataDir}`}>
            {state.info.dataDir}
          </span>
        </>
      ) : state.status === 'failed' ? (
        <span className="status-item status-error" role="alert">
          Not connected to the app core: {state.error.message}
        </span>
      ) : (
        <span className="status-item">Connecting…</span>
      )}
      <span className="status-spacer" />
      <span className="status-item status-muted">SCIM 2.0 · RFC 7643 / 7644 / 9865</span>
    </footer>
  );
}
