import { useState } from 'react';
import type { EndpointView } from '@shared/model/endpoint';
import { useApi } from '../../app/api-context';
import { DuplicateIcon, EditIcon, TrashIcon } from '../../app/icons';
import { selectedEndpointId, toAppError, useEndpoints } from '../../stores/endpoints';
import { EndpointEditor } from './EndpointEditor';
import { useEndpointsSync } from './use-endpoints-sync';
import { VaultStatusLine } from './VaultStatusLine';
import './endpoints.css';

function splitUrl(url: string): { host: string; segments: string[] } | undefined {
  const match = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(url);
  return match ? { host: match[1]!, segments: (match[2] ?? '').split('/').filter(Boolean) } : undefined;
}

/**
 * Host (with port) and path of a base URL, for the switcher's second line. Where other endpoints share
 * the host, the path segments they all share are shortened to "…", so the part that differs shows.
 */
export function whereParts(url: string, all: readonly string[]): { host: string; path: string } {
  const own = splitUrl(url);
  if (!own) return { host: url, path: '' };
  const siblings = all.map(splitUrl).filter((o) => o !== undefined && o.host.toLowerCase() === own.host.toLowerCase() && o.segments.join('/') !== own.segments.join('/'));
  let shared = 0;
  if (siblings.length > 0) {
    shared = own.segments.length - 1;
    for (const other of siblings) {
      let same = 0;
      while (same < shared && same < other!.segments.length && other!.segments[same] === own.segments[same]) same++;
      shared = same;
    }
  }
  const tail = own.segments.slice(shared).join('/');
  return { host: own.host, path: own.segments.length === 0 ? '' : shared > 0 ? `/…/${tail}` : `/${tail}` };
}

function Warnings({ endpoint }: { endpoint: EndpointView }) {
  const missing = endpoint.secrets.filter((s) => !s.set && s.field !== 'passphrase' && s.field !== 'proxyPassword');
  return (
    <>
      {endpoint.builtIn && <span className="badge">built-in</span>}
      {missing.map((s) => (
        <span key={s.field} className="badge badge-warn">
          no {s.label.toLowerCase()}
        </span>
      ))}
      {!endpoint.tls.verify && <span className="badge badge-warn">TLS not verified</span>}
    </>
  );
}

/** The endpoint switcher: the Sandbox first, then saved endpoints; the checked one is where requests go. */
export function EndpointsSidebar() {
  useEndpointsSync();
  const api = useApi();
  const { endpoints, status, error } = useEndpoints();
  const selected = useEndpoints(selectedEndpointId);
  const select = useEndpoints((s) => s.select);
  const openEditor = useEndpoints((s) => s.openEditor);
  const load = useEndpoints((s) => s.load);
  const [confirming, setConfirming] = useState<string>();
  const urls = endpoints.map((e) => e.baseUrl);
  const [problem, setProblem] = useState<string>();

  const act = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
      await load(api);
    } catch (e) {
      setProblem(toAppError(e).message);
    }
  };

  return (
    <section className="panel endpoints-panel" aria-label="Endpoints">
      <header className="panel-header">
        <h2 className="panel-title">Endpoints</h2>
        <span className="status-spacer" />
        <button className="btn btn-quiet" onClick={() => openEditor({ mode: 'new' })}>
          New endpoint
        </button>
      </header>
      {status === 'failed' && (
        <div className="callout callout-error" role="alert">
          Endpoints could not be loaded: {error?.message}
        </div>
      )}
      {status === 'ready' && endpoints.length === 0 && (
        <div className="empty-state">
          <p>No endpoints yet.</p>
          <button className="btn btn-primary" onClick={() => openEditor({ mode: 'new' })}>
            Add an endpoint
          </button>
        </div>
      )}
      <div className="endpoint-list" role="radiogroup" aria-label="Send requests to">
        {endpoints.map((endpoint) => {
          const { host, path } = whereParts(endpoint.baseUrl, urls);
          return (
            <div key={endpoint.id} className={`endpoint-row${endpoint.id === selected ? ' is-selected' : ''}`}>
              <label className="endpoint-pick" title={`${endpoint.name}\n${endpoint.baseUrl}`}>
                <input type="radio" name="endpoint" checked={endpoint.id === selected} onChange={() => select(endpoint.id)} aria-label={endpoint.name} aria-description={endpoint.baseUrl} />
                <span className="endpoint-name">{endpoint.name}</span>
                <span className="endpoint-where" data-testid="endpoint-where">
                  <span className="endpoint-host">{host}</span>
                  {path && <span className="endpoint-path">{path}</span>}
                </span>
              </label>
              <div className="endpoint-meta">
                <span className="endpoint-badges">
                  <Warnings endpoint={endpoint} />
                </span>
                <span className="endpoint-actions">
                  {!endpoint.builtIn && (
                    <button className="btn btn-quiet btn-icon" aria-label={`Edit ${endpoint.name}`} title="Edit" onClick={() => openEditor({ mode: 'edit', id: endpoint.id })}>
                      <EditIcon size={15} />
                    </button>
                  )}
                  <button className="btn btn-quiet btn-icon" aria-label={`Duplicate ${endpoint.name}`} title="Duplicate" onClick={() => void act(() => api.call('endpoints.duplicate', { id: endpoint.id }))}>
                    <DuplicateIcon size={15} />
                  </button>
                  {!endpoint.builtIn && (
                    <button className="btn btn-quiet btn-icon" aria-label={`Delete ${endpoint.name}`} title="Delete" onClick={() => setConfirming(endpoint.id)}>
                      <TrashIcon size={15} />
                    </button>
                  )}
                </span>
              </div>
              {confirming === endpoint.id && (
                <div className="confirm" role="alertdialog" aria-label={`Delete ${endpoint.name}?`}>
                  <span>Delete {endpoint.name} and its secrets from the keychain?</span>
                  <button
                    className="btn"
                    onClick={() =>
                      void act(async () => {
                        setConfirming(undefined);
                        await api.call('endpoints.delete', { id: endpoint.id });
                      })
                    }
                  >
                    Delete
                  </button>
                  <button className="btn btn-quiet" onClick={() => setConfirming(undefined)}>
                    Keep
                  </button>
                </div>
              )}
            </div>
          );
        })}
      </div>
      {problem && (
        <p className="field-error small" role="alert">
          {problem}
        </p>
      )}
      <footer className="endpoints-footer">
        <VaultStatusLine />
      </footer>
      <EndpointEditor />
    </section>
  );
}
