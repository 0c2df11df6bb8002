import { useEffect, useMemo, useState } from 'react';
import type { ConnectionTest } from '@shared/api/commands/endpoints';
import type { AppError } from '@shared/api/errors';
import { SECRET_FIELD_LABELS, type SecretField } from '@shared/model/endpoint';
import { useApi } from '../../app/api-context';
import { toAppError, useEndpoints, type EditorTarget } from '../../stores/endpoints';
import { draftFrom, draftSecrets, toInput, type Draft } from './draft';
import { savedMessage, type SaveOutcome } from './saved-message';

export type Secrets = Partial<Record<SecretField, string>>;

export interface Notice {
  text: string;
  tone: 'ok' | 'warn';
}

export interface TimeoutDefaults {
  connect: number;
  headers: number;
  body: number;
}

const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);
const without = (secrets: Secrets, fields: SecretField[]): Secrets => Object.fromEntries(Object.entries(secrets).filter(([f]) => !fields.includes(f as SecretField)));

/**
 * The endpoint editor's state and actions. Secrets typed and not yet confirmed with Set are held here
 * (never in a store), so Save, Enter and "Save and test connection" store them with the endpoint.
 */
export function useEndpointEditor(target: Exclude<EditorTarget, { mode: 'closed' }>) {
  const api = useApi();
  const { load, select } = useEndpoints.getState();
  const [savedId, setSavedId] = useState(target.mode === 'edit' ? target.id : undefined);
  const view = useEndpoints((s) => s.endpoints.find((e) => e.id === savedId));
  const [baseline, setBaseline] = useState<Draft>(() => draftFrom(useEndpoints.getState().endpoints.find((e) => e.id === savedId)));
  const [draft, setDraft] = useState<Draft>(baseline);
  /** set with "Set" for an endpoint not created yet */
  const [pending, setPending] = useState<Secrets>({});
  /** typed into a secret field, not handed over yet */
  const [typed, setTyped] = useState<Secrets>({});
  const [error, setError] = useState<AppError>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState<'saving' | 'testing'>();
  const [test, setTest] = useState<ConnectionTest>();
  const [defaults, setDefaults] = useState<TimeoutDefaults>();

  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => setDefaults({ connect: s.http.connectTimeoutMs, headers: s.http.headersTimeoutMs, body: s.http.bodyTimeoutMs }),
      () => undefined,
    );
  }, [api]);

  const needed = useMemo(() => draftSecrets(draft), [draft]);
  /** secrets this editor holds that are not in the vault yet, among those the settings call for */
  const unsavedSecrets = needed.filter((f) => (typed[f] ?? '') !== '' || (pending[f] ?? '') !== '');
  const changed = !same(draft, baseline);
  const needsSave = savedId === undefined || changed || unsavedSecrets.length > 0;
  /** what closing now would lose */
  const unsaved = changed || unsavedSecrets.length > 0;

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const type = (field: SecretField, value: string) => setTyped((t) => ({ ...t, [field]: value }));

  const save = async (): Promise<string | undefined> => {
    setBusy('saving');
    setError(undefined);
    setNotice(undefined);
    let id = savedId;
    let name = view?.name ?? draft.name;
    let endpoint: SaveOutcome['endpoint'] = 'unchanged';
    try {
      if (id === undefined || changed) {
        const input = toInput(draft);
        const saved = id ? await api.call('endpoints.update', { id, endpoint: input }) : await api.call('endpoints.create', { endpoint: input });
        endpoint = id ? 'updated' : 'created';
        id = saved.id;
        name = saved.name;
      }
    } catch (e) {
      setError(toAppError(e));
      setBusy(undefined);
      return undefined;
    }
    const stored: SecretField[] = [];
    try {
      for (const field of needed) {
        const value = (typed[field] ?? '') || (pending[field] ?? '');
        if (value === '') continue;
        await api.call('endpoints.setSecret', { endpointId: id, field, value });
        stored.push(field);
      }
    } catch (e) {
      const problem = toAppError(e);
      setError({ ...problem, message: `${endpoint === 'unchanged' ? '' : `“${name}” was saved, but `}a secret could not be stored: ${problem.message}` });
      return undefined;
    } finally {
      // the dialog turns into the saved endpoint's editor once its secrets are in (or failed to go in)
      if (endpoint !== 'unchanged') setBaseline(draft);
      if (endpoint === 'created') {
        select(id);
        setSavedId(id);
      }
      // what was stored is forgotten here; what was not stays typed, to try again
      setTyped((t) => without(t, stored));
      setPending((p) => without(p, stored));
      await load(api);
      setBusy(undefined);
    }
    setNotice(savedMessage({ name, endpoint, stored, backend: useEndpoints.getState().vault?.backend }));
    return id;
  };

  const runTest = async () => {
    const id = needsSave ? await save() : savedId;
    if (!id) return;
    setBusy('testing');
    setTest(undefined);
    try {
      setTest(await api.call('endpoints.test', { id }));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(undefined);
    }
  };

  /** "Set"/"Replace" on one field: a new endpoint holds it until Save; a saved one stores it now */
  const setSecretNow = async (field: SecretField, value: string) => {
    if (!savedId) {
      setPending((p) => ({ ...p, [field]: value }));
      return;
    }
    try {
      await api.call('endpoints.setSecret', { endpointId: savedId, field, value });
    } catch (e) {
      throw new Error(toAppError(e).message, { cause: e });
    }
    await load(api);
    setNotice(savedMessage({ name: view?.name ?? draft.name, endpoint: 'unchanged', stored: [field], backend: useEndpoints.getState().vault?.backend }));
  };

  const clearSecret = async (field: SecretField) => {
    if (!savedId) return;
    try {
      await api.call('endpoints.clearSecret', { endpointId: savedId, field });
    } catch (e) {
      throw new Error(toAppError(e).message, { cause: e });
    }
    await load(api);
    setNotice({ text: `${SECRET_FIELD_LABELS[field]} removed from the vault.`, tone: 'ok' });
  };

  return { savedId, view, draft, set, typed, type, pending, needed, unsavedSecrets, changed, needsSave, unsaved, error, notice, busy, test, defaults, save, runTest, setSecretNow, clearSecret };
}

export type EndpointEditorState = ReturnType<typeof useEndpointEditor>;
