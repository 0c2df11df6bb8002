import { randomUUID } from 'node:crypto';
import { fail } from '@shared/api/errors';
import {
  defaultMappings,
  directoryProblems,
  idpOf,
  mappingProblems,
  profileById,
  profileInfos,
  seedDirectory,
  type MappingProblem,
  type MappingSet,
  type ObjectLog,
  type ProfileId,
  type ProfileInfo,
  type RunMode,
  type RunProgress,
  type RunReport,
  type RunSettings,
  type SourceDirectory,
} from '@shared/idp';
import type { CollectionProblem } from '@shared/model/collection';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestRunner } from '../request-runner';
import { runCycle } from './cycle';
import { LinkStore } from './links';
import { SimulatorFiles } from './simulator-files';

export interface SimulatorServiceOptions {
  /** `<data dir>/simulator` */
  dir: string;
  /** read when a run starts, so the composition root (and tests) can plug the engine in */
  runner: () => RequestRunner;
  /** the endpoint's base URL (throws for an unknown endpoint) */
  baseUrl: (endpointId: string) => string;
  readBody?: (exchange: HttpExchange) => Promise<string | undefined> | string | undefined;
  onProgress?: (progress: RunProgress) => void;
  /** finished runs kept for `object` (default 10) */
  keepRuns?: number;
}

export interface MappingsView {
  mappings: MappingSet;
  file: string;
  fromFile: boolean;
  fileProblem?: CollectionProblem;
  problems: MappingProblem[];
  /** where a broken file was moved before this save */
  setAside?: string;
}

export interface DirectoryView {
  directory: SourceDirectory;
  file: string;
  fromFile: boolean;
  fileProblem?: CollectionProblem;
  problems: string[];
  setAside?: string;
}

export interface RunRequest {
  runId?: string | undefined;
  endpointId: string;
  profile: ProfileId;
  mode: RunMode;
  userId?: string | undefined;
  settings?: Partial<RunSettings> | undefined;
}

/** The IdP simulator: profiles, mapping and directory files, runs and their logs. */
export class SimulatorService {
  readonly files: SimulatorFiles;
  readonly links = new LinkStore();
  private readonly active = new Map<string, { controller: AbortController; key: string }>();
  private readonly finished = new Map<string, { report: RunReport; logs: ObjectLog[] }>();

  constructor(private readonly options: SimulatorServiceOptions) {
    this.files = new SimulatorFiles(options.dir);
  }

  profiles(): ProfileInfo[] {
    return profileInfos();
  }

  async getMappings(profile: ProfileId): Promise<MappingsView> {
    const loaded = await this.files.mappings(profile);
    return { mappings: loaded.value, file: loaded.file, fromFile: loaded.fromFile, ...(loaded.problem ? { fileProblem: loaded.problem } : {}), problems: mappingProblems(loaded.value, idpOf(profile)) };
  }

  async saveMappings(mappings: MappingSet): Promise<MappingsView> {
    const saved = await this.files.saveMappings(mappings);
    return { mappings, file: saved.file, fromFile: true, problems: mappingProblems(mappings, idpOf(mappings.profile)), ...(saved.setAside ? { setAside: saved.setAside } : {}) };
  }

  async resetMappings(profile: ProfileId): Promise<MappingsView> {
    return this.saveMappings(defaultMappings(profile));
  }

  async getDirectory(): Promise<DirectoryView> {
    const loaded = await this.files.directory();
    return { directory: loaded.value, file: loaded.file, fromFile: loaded.fromFile, ...(loaded.problem ? { fileProblem: loaded.problem } : {}), problems: directoryProblems(loaded.value) };
  }

  async saveDirectory(directory: SourceDirectory): Promise<DirectoryView> {
    const saved = await this.files.saveDirectory(directory);
    return { directory, file: saved.file, fromFile: true, problems: directoryProblems(directory), ...(saved.setAside ? { setAside: saved.setAside } : {}) };
  }

  async resetDirectory(): Promise<DirectoryView> {
    return this.saveDirectory(seedDirectory());
  }

  /** Forgets what the simulated IdP knew about the app (links, watermark): the next cycle starts as a first one. */
  forget(endpointId: string, profile: ProfileId): void {
    this.links.clear(endpointId, profile);
  }

  async run(request: RunRequest, overrides: { mappings?: MappingSet; directory?: SourceDirectory } = {}): Promise<RunReport> {
    const runId = request.runId ?? randomUUID();
    const profile = profileById(request.profile);
    const key = `${request.endpointId}\u0000${request.profile}`;
    if ([...this.active.values()].some((a) => a.key === key)) throw fail('conflict', `A ${profile.label} run against this endpoint is already going on; wait for it or cancel it.`);
    if (this.active.has(runId)) throw fail('conflict', `A run with id ${runId} is already going on`);
    const baseUrl = this.options.baseUrl(request.endpointId);
    const mappings = overrides.mappings ?? (await this.files.mappings(request.profile)).value;
    const errors = mappingProblems(mappings, profile.idp).filter((p) => p.severity === 'error');
    if (errors.length) {
      throw fail('validation', `The ${profile.label} attribute mappings have ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0]!.message}`, {
        issues: errors.map((e) => ({ path: `${e.object}${e.rowId ? `.${e.rowId}` : ''}.${e.field}`, message: e.message })),
        hint: 'Fix them in the mapping table; the IdP would not save these mappings either.',
      });
    }
    const directory = overrides.directory ?? (await this.files.directory()).value;
    if ((request.mode === 'on-demand' || (request.mode === 'deprovision' && request.userId)) && !directory.users.some((u) => u.id === request.userId)) {
      throw fail('not-found', `The test directory has no user with id "${request.userId ?? ''}"`, { what: 'user' });
    }
    const settings: RunSettings = { ...profile.defaults, ...request.settings };
    const controller = new AbortController();
    this.active.set(runId, { controller, key });
    try {
      const result = await runCycle(
        { runId, profile: request.profile, mode: request.mode, endpointId: request.endpointId, userId: request.userId, settings, mappings, directory },
        {
          runner: this.options.runner(),
          links: this.links.get(request.endpointId, request.profile),
          baseUrl,
          signal: controller.signal,
          ...(this.options.readBody ? { readBody: this.options.readBody } : {}),
          ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
        },
      );
      this.keep(runId, result);
      return result.report;
    } finally {
      this.active.delete(runId);
    }
  }

  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  report(runId: string): RunReport {
    const run = this.finished.get(runId);
    if (!run) throw fail('not-found', `No finished simulator run ${runId} (only the last ${this.options.keepRuns ?? 10} are kept)`, { what: 'run' });
    return run.report;
  }

  object(runId: string, index: number): ObjectLog {
    const run = this.finished.get(runId);
    if (!run) throw fail('not-found', `No finished simulator run ${runId} (only the last ${this.options.keepRuns ?? 10} are kept)`, { what: 'run' });
    const log = run.logs.find((l) => l.index === index);
    if (!log) throw fail('not-found', `Run ${runId} has no object ${index}`, { what: 'object' });
    return log;
  }

  private keep(runId: string, run: { report: RunReport; logs: ObjectLog[] }): void {
    this.finished.set(runId, run);
    const limit = this.options.keepRuns ?? 10;
    for (const id of this.finished.keys()) {
      if (this.finished.size <= limit) break;
      this.finished.delete(id);
    }
  }
}
