import { create } from 'zustand';
import type { DirectoryViewT, MappingsViewT } from '@shared/api/commands/simulator';
import type { AppError } from '@shared/api/errors';
import type { MappingSet, ObjectLog, ObjectSummary, ProfileId, ProfileInfo, RunMode, RunProgress, RunReport, SourceDirectory } from '@shared/idp';
import type { ApiClient } from '../../transport/client';
import { toAppError } from '../../stores/endpoints';

export type SimulatorTab = 'mappings' | 'directory' | 'run';

interface RunState {
  runId: string;
  mode: RunMode;
  /** the user of an on-demand or single deprovision run */
  userId?: string;
  progress?: RunProgress;
  /** objects finished so far (from progress events) */
  finished: ObjectSummary[];
}

interface SimulatorStore {
  tab: SimulatorTab;
  profiles: ProfileInfo[];
  profile: ProfileId;
  /** requests per second for the next run (0: unpaced) */
  rate: number;
  mappings?: MappingsViewT;
  /** the table being edited (undefined: the saved one) */
  draftMappings?: MappingSet;
  directory?: DirectoryViewT;
  draftDirectory?: SourceDirectory;
  running?: RunState;
  report?: RunReport;
  /** the object whose step log is open */
  selected?: { index: number; log?: ObjectLog; error?: AppError };
  error?: AppError;
  notice?: string;
  setTab(tab: SimulatorTab): void;
  load(api: ApiClient): Promise<void>;
  setProfile(api: ApiClient, profile: ProfileId): Promise<void>;
  setRate(rate: number): void;
  editMappings(mappings: MappingSet): void;
  saveMappings(api: ApiClient): Promise<boolean>;
  revertMappings(): void;
  resetMappings(api: ApiClient): Promise<void>;
  editDirectory(directory: SourceDirectory): void;
  saveDirectory(api: ApiClient): Promise<boolean>;
  revertDirectory(): void;
  resetDirectory(api: ApiClient): Promise<void>;
  run(api: ApiClient, endpointId: string, mode: RunMode, userId?: string): Promise<void>;
  cancel(api: ApiClient): Promise<void>;
  progress(event: RunProgress): void;
  openObject(api: ApiClient, index: number): Promise<void>;
  closeObject(): void;
  dismissError(): void;
}

const newRunId = () => `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The simulator view's state: the profile, its mapping table, the test directory, the run in progress and the last report. */
export const useSimulator = create<SimulatorStore>()((set, get) => ({
  tab: 'mappings',
  profiles: [],
  profile: 'entra',
  rate: 25,
  setTab: (tab) => set({ tab }),
  async load(api) {
    try {
      const [profiles, mappings, directory] = await Promise.all([api.call('simulator.profiles', {}), api.call('simulator.getMappings', { profile: get().profile }), api.call('simulator.getDirectory', {})]);
      set({ profiles, mappings, directory, draftMappings: undefined, draftDirectory: undefined, error: undefined, rate: profiles.find((p) => p.id === get().profile)?.defaults.rate ?? 25 });
    } catch (error) {
      set({ error: toAppError(error) });
    }
  },
  async setProfile(api, profile) {
    set({ profile, draftMappings: undefined, mappings: undefined, rate: get().profiles.find((p) => p.id === profile)?.defaults.rate ?? get().rate });
    try {
      set({ mappings: await api.call('simulator.getMappings', { profile }) });
    } catch (error) {
      set({ error: toAppError(error) });
    }
  },
  setRate: (rate) => set({ rate }),
  editMappings: (draftMappings) => set({ draftMappings }),
  async saveMappings(api) {
    const draft = get().draftMappings;
    if (!draft) return true;
    try {
      const mappings = await api.call('simulator.saveMappings', { mappings: draft });
      set({ mappings, draftMappings: undefined, notice: mappings.setAside ? `The file that could not be read was kept as ${mappings.setAside}.` : `Saved to ${mappings.file}` });
      return true;
    } catch (error) {
      set({ error: toAppError(error) });
      return false;
    }
  },
  revertMappings: () => set({ draftMappings: undefined }),
  async resetMappings(api) {
    try {
      set({ mappings: await api.call('simulator.resetMappings', { profile: get().profile }), draftMappings: undefined, notice: 'The default mappings of the profile were written to its file.' });
    } catch (error) {
      set({ error: toAppError(error) });
    }
  },
  editDirectory: (draftDirectory) => set({ draftDirectory }),
  async saveDirectory(api) {
    const draft = get().draftDirectory;
    if (!draft) return true;
    try {
      const directory = await api.call('simulator.saveDirectory', { directory: draft });
      set({ directory, draftDirectory: undefined, notice: directory.setAside ? `The file that could not be read was kept as ${directory.setAside}.` : `Saved to ${directory.file}` });
      return true;
    } catch (error) {
      set({ error: toAppError(error) });
      return false;
    }
  },
  revertDirectory: () => set({ draftDirectory: undefined }),
  async resetDirectory(api) {
    try {
      set({ directory: await api.call('simulator.resetDirectory', {}), draftDirectory: undefined, notice: 'The test directory is back to the sample users and groups.' });
    } catch (error) {
      set({ error: toAppError(error) });
    }
  },
  async run(api, endpointId, mode, userId) {
    if (get().running) return;
    // a run reads the files: pending edits are saved first, as the IdP's console saves before it provisions
    if (!(await get().saveMappings(api)) || !(await get().saveDirectory(api))) return;
    const runId = newRunId();
    set({ running: { runId, mode, ...(userId ? { userId } : {}), finished: [] }, error: undefined, notice: undefined, selected: undefined, tab: 'run' });
    try {
      const report = await api.call('simulator.run', { runId, endpointId, profile: get().profile, mode, ...(userId ? { userId } : {}), settings: { rate: get().rate } });
      set({ report, running: undefined });
      if (mode === 'on-demand' || (mode === 'deprovision' && userId)) {
        const first = report.objects.find((o) => o.type === 'user');
        if (first) await get().openObject(api, first.index);
      }
    } catch (error) {
      set({ running: undefined, error: toAppError(error) });
    }
  },
  async cancel(api) {
    const running = get().running;
    if (running) await api.call('simulator.cancel', { runId: running.runId }).catch(() => undefined);
  },
  progress(event) {
    const running = get().running;
    if (!running || running.runId !== event.runId) return;
    set({ running: { ...running, progress: event, finished: event.finished.length ? [...running.finished, ...event.finished] : running.finished } });
  },
  async openObject(api, index) {
    const report = get().report;
    if (!report) return;
    set({ selected: { index } });
    try {
      const log = await api.call('simulator.object', { runId: report.runId, index });
      if (get().selected?.index === index) set({ selected: { index, log } });
    } catch (error) {
      set({ selected: { index, error: toAppError(error) } });
    }
  },
  closeObject: () => set({ selected: undefined }),
  dismissError: () => set({ error: undefined, notice: undefined }),
}));
