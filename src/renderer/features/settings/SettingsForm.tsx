import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '@shared/api/errors';
import { defaultSettings, type Settings } from '@shared/model/settings';
import { useApi } from '../../app/api-context';
import { toAppError } from '../../stores/endpoints';
import { useSettingsFocus, type SettingsSection } from './open-settings';
import { checkForm, formValues, NUMBER_FIELDS, shown, type FormValues, type NumberField, type SettingsSectionId } from './settings-form';
import { applyTheme, type ThemeSetting } from './theme';

const DEFAULTS = defaultSettings();

const SECTIONS: { id: SettingsSectionId; title: string; note: string }[] = [
  { id: 'requests', title: 'Requests', note: 'For every endpoint; an endpoint can set its own timeouts in its editor.' },
  { id: 'history', title: 'History', note: 'Every request and response is recorded (secrets replaced) unless recording is off.' },
];

function NumberInput({ field, value, error, onChange }: { field: NumberField; value: string; error?: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="set-field" data-field={field.id}>
      <label htmlFor={id}>{field.label}</label>
      <div className="set-input">
        <input
          id={id}
          type="text"
          inputMode={field.scale === 1 ? 'numeric' : 'decimal'}
          value={value}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
        <span className="set-unit">{field.unit}</span>
      </div>
      <span id={`${id}-hint`} className="field-hint">
        {field.hint} Default: {shown(field, field.read(DEFAULTS))} {field.unit}.
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The app settings of settings.json, checked as they are typed and saved together with settings.update. */
export function SettingsForm({ saved, onSaved }: { saved: Settings; onSaved(settings: Settings): void }) {
  const api = useApi();
  const [values, setValues] = useState<FormValues>(() => formValues(saved));
  const [historyEnabled, setHistoryEnabled] = useState(saved.history.enabled);
  const [theme, setTheme] = useState<ThemeSetting>(saved.ui.theme);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<AppError>();
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const section: SettingsSection | undefined = useSettingsFocus.getState().take();
    if (!section) return;
    const element = form.current?.querySelector<HTMLElement>(`[data-section="${section}"]`);
    element?.scrollIntoView?.({ block: 'start' });
    element?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const checked = checkForm(values, { historyEnabled, theme }, saved);
  const dirty = JSON.stringify(values) !== JSON.stringify(formValues(saved)) || historyEnabled !== saved.history.enabled || theme !== saved.ui.theme;
  const shownError = (id: string) => (touched.has(id) || touched.has('*') ? checked.errors[id] : undefined);
  const problems = Object.keys(checked.errors).length;

  const edit = (id: string, value: string) => {
    setValues((v) => ({ ...v, [id]: value }));
    setTouched((t) => new Set(t).add(id));
    setStatus(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(new Set(['*']));
    setError(undefined);
    if (problems > 0) {
      setStatus(`${problems} setting${problems === 1 ? ' needs' : 's need'} fixing before they can be saved.`);
      form.current?.querySelector<HTMLElement>(`[data-field="${Object.keys(checked.errors)[0]}"] input`)?.focus();
      return;
    }
    if (checked.changed === 0) {
      setStatus('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      const next = await api.call('settings.update', checked.patch);
      onSaved(next);
      setValues(formValues(next));
      setHistoryEnabled(next.history.enabled);
      setTheme(next.ui.theme);
      setTouched(new Set());
      applyTheme(next.ui.theme);
      setStatus(`Saved ${checked.changed} setting${checked.changed === 1 ? '' : 's'} to settings.json. New requests use them from now on.`);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const restoreDefaults = () => {
    setValues(formValues(DEFAULTS));
    setHistoryEnabled(DEFAULTS.history.enabled);
    setTheme(DEFAULTS.ui.theme);
    setTouched(new Set(['*']));
    setStatus('The defaults are filled in: Save to use them.');
  };

  return (
    <form ref={form} className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-label="App settings">
      {SECTIONS.map((section) => (
        <section key={section.id} className="card set-section" data-section={section.id} aria-labelledby={`settings-${section.id}`}>
          <h2 id={`settings-${section.id}`}>{section.title}</h2>
          <p className="muted small">{section.note}</p>
          {section.id === 'history' && (
            <label className="set-check">
              <input type="checkbox" checked={historyEnabled} onChange={(e) => (setHistoryEnabled(e.target.checked), setStatus(undefined))} /> Record requests in History
            </label>
          )}
          <div className="set-grid">
            {NUMBER_FIELDS.filter((f) => f.section === section.id).map((field) => (
              <NumberInput key={field.id} field={field} value={values[field.id] ?? ''} error={shownError(field.id)} onChange={(value) => edit(field.id, value)} />
            ))}
          </div>
        </section>
      ))}
      <section className="card set-section" data-section="appearance" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">Appearance</h2>
        <div className="set-field">
          <label htmlFor="settings-theme">Theme</label>
          <select id="settings-theme" value={theme} onChange={(e) => (setTheme(e.target.value as ThemeSetting), setStatus(undefined))}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </section>
      <div className="set-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" className="btn" disabled={busy || !dirty} onClick={() => (setValues(formValues(saved)), setHistoryEnabled(saved.history.enabled), setTheme(saved.ui.theme), setTouched(new Set()), setStatus(undefined))}>
          Undo changes
        </button>
        <button type="button" className="btn btn-quiet" disabled={busy} onClick={restoreDefaults}>
          Restore defaults
        </button>
        <span className="status-spacer" />
        {status && (
          <span className={problems > 0 && touched.has('*') ? 'field-error' : 'muted'} role="status">
            {status}
          </span>
        )}
      </div>
      {error && (
        <div className="callout callout-error" role="alert">
          <p>The settings were not saved: {error.message}</p>
          {error.kind === 'validation' && (
            <ul>
              {error.issues.map((issue, i) => (
                <li key={i}>
                  {issue.path}: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
