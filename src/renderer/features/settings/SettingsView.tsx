import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '@shared/api/errors';
import type { Settings } from '@shared/model/settings';
import { useApi } from '../../app/api-context';
import { useAppInfo } from '../../stores/app-info';
import { toAppError } from '../../stores/endpoints';
import { OverviewPage } from '../overview/OverviewPage';
import { SettingsForm } from './SettingsForm';
import './settings.css';

/** The Settings activity: the app settings (settings.json), then what this installation is. */
export function SettingsView() {
  const api = useApi();
  const [saved, setSaved] = useState<Settings>();
  const [error, setError] = useState<AppError>();
  const load = useCallback(() => {
    setError(undefined);
    api.call('settings.get', {}).then(setSaved, (e: unknown) => setError(toAppError(e)));
  }, [api]);
  useEffect(load, [load]);
  // the installation facts below come from app.info (the shell loads it; a view shown alone does too)
  useEffect(() => {
    if (useAppInfo.getState().state.status === 'idle') void useAppInfo.getState().load(api);
  }, [api]);

  return (
    <div className="settings-view">
      <div className="page settings-page">
        <header className="page-header">
          <h1>Settings</h1>
          <p className="muted">Kept in settings.json in the data directory. Changes apply to the next request.</p>
        </header>
        {error ? (
          <div className="callout callout-error" role="alert">
            <p>The settings could not be read: {error.message}</p>
            <button type="button" className="btn" onClick={load}>
              Try again
            </button>
          </div>
        ) : saved ? (
          <SettingsForm saved={saved} onSaved={setSaved} />
        ) : (
          <p className="muted" aria-busy="true">
            Reading the settings…
          </p>
        )}
      </div>
      <OverviewPage />
    </div>
  );
}
