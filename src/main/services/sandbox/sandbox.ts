import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { SandboxStatus } from '@shared/api/commands/sandbox';
import { BASE_PATH, DEFAULT_LIMITS, type SandboxLimits } from './constants';
import { discoveryDocuments, type DiscoveryDocuments } from './discovery';
import { Directory } from './directory';
import { Defects, type DefectName } from './defects';
import { Faults, type FaultChanges } from './faults';
import { verifyPassword } from './passwords';
import { loadSnapshot, setAside, SnapshotWriter } from './persist';
import { createRoutes, type Routes } from './routes';
import { sandboxRegistry, SANDBOX_RESOURCE_TYPES } from './schemas';
import { DEFAULT_SEED_USERS, generateSeed } from './seed';
import { listen } from './server';
import { ScimService } from './service';
import { checkSnapshot, seedEntries, snapshotEntries, SNAPSHOT_FILE } from './snapshot';

export interface SandboxOptions {
  /** 0 (default): a free port */
  port?: number;
  host?: string;
  /** default: a random token for this start */
  token?: string;
  /** a second bearer token that may read but not write (403 for anything else) */
  readOnlyToken?: string;
  /** seeded users (default 100); 0 starts empty */
  users?: number;
  /** keep the data in `<dir>/store.json` (written atomically after changes) */
  persistDir?: string;
  lenient?: boolean;
  /** planted defects, for testing that conformance checks catch them (see defects.ts) */
  defects?: readonly DefectName[];
  limits?: Partial<SandboxLimits>;
  /** the userName the bearer token belongs to, for /Me (default: the first seeded user) */
  meUserName?: string;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** after changes to data or settings (debounced by the caller if needed) */
  onChange?: () => void;
}

export interface SandboxServer {
  /** e.g. http://127.0.0.1:PORT/scim/v2 */
  readonly baseUrl: string;
  readonly port: number;
  /** lives only in memory: never persisted, logged or sent to the renderer */
  readonly token: string;
  /** a problem found at start (a damaged data file set aside) */
  readonly notice: string | undefined;
  status(): SandboxStatus;
  configure(changes: { lenient?: boolean; faults?: FaultChanges; defects?: readonly DefectName[] }): SandboxStatus;
  /** the planted defects switched on */
  defects(): DefectName[];
  /** back to the seeded data */
  reset(): Promise<SandboxStatus>;
  close(): Promise<void>;
}

export function newSandboxToken(): string {
  return `sbx_${randomBytes(24).toString('base64url')}`;
}

/** Starts the embedded SCIM 2.0 service provider on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  const token = options.token ?? newSandboxToken();
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const userCount = options.users ?? DEFAULT_SEED_USERS;
  const faults = new Faults();
  const defects = new Defects(options.defects ?? []);
  const settings = { lenient: options.lenient ?? false };
  const registry = sandboxRegistry();
  const resourceTypes = { User: SANDBOX_RESOURCE_TYPES[0]!, Group: SANDBOX_RESOURCE_TYPES[1]! };
  const notify = () => options.onChange?.();

  // built once the port (and so the base URL) is known; the server waits for `ready` before using them
  const late: { directory?: Directory; routes?: Routes } = {};
  let writer: SnapshotWriter | undefined;
  let owner: string | undefined = options.meUserName;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const host = options.host ?? '127.0.0.1';
  const { server, port } = await listen({
    host,
    port: options.port ?? 0,
    auth: {
      token,
      ...(options.readOnlyToken ? { readOnlyToken: options.readOnlyToken } : {}),
      checkUserPassword: (userName, password) => {
        const id = late.directory?.users.findUnique('userName', userName);
        const record = id === undefined ? undefined : late.directory?.users.get(id);
        return record !== undefined && verifyPassword(password, record.hidden?.password);
      },
    },
    faults,
    defects,
    ready,
    routes: () => late.routes!,
    ...(options.log ? { log: options.log } : {}),
  });
  const baseUrl = `http://${host}:${port}${BASE_PATH}`;
  const startedAt = new Date().toISOString();
  let documents: DiscoveryDocuments | undefined;
  const discovery = () => (documents ??= discoveryDocuments(registry, limits, baseUrl, startedAt));

  const directory = new Directory({
    registry,
    resourceTypes,
    baseUrl,
    defects,
    onChange: () => {
      writer?.schedule();
      notify();
    },
  });
  const service = new ScimService(directory, limits, settings, () => owner, defects);
  late.directory = directory;
  late.routes = createRoutes(service, discovery);

  const seedOwner = () => {
    if (options.meUserName === undefined) owner = directory.users.values().next().value?.resource.userName as string | undefined;
  };
  const loadSeed = () => {
    directory.load(seedEntries(generateSeed(userCount)));
    seedOwner();
  };

  let notice: string | undefined;
  try {
    if (options.persistDir) {
      const file = join(options.persistDir, SNAPSHOT_FILE);
      const loaded = await loadSnapshot(file, checkSnapshot);
      notice = loaded.notice;
      let restored = false;
      if (loaded.data) {
        try {
          directory.load(snapshotEntries(loaded.data), loaded.data);
          seedOwner();
          restored = true;
        } catch (error) {
          // valid JSON that does not hold together (a hand-edited file): kept aside like a damaged one
          notice = await setAside(file, error);
        }
      }
      if (!restored) loadSeed();
      writer = new SnapshotWriter(file, () => directory.snapshotText(), (error) => options.log?.('sandbox: could not save the data', { file, error: String(error) }));
      if (!restored) writer.schedule();
    } else {
      loadSeed();
    }
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  markReady();

  const status = (): SandboxStatus => ({
    running: server.listening,
    baseUrl,
    userCount: directory.users.size,
    groupCount: directory.groups.size,
    lenient: settings.lenient,
    faults: faults.settings,
    defects: defects.list(),
  });

  return {
    baseUrl,
    port,
    token,
    notice,
    status,
    defects: () => defects.list(),
    configure(changes) {
      if (changes.lenient !== undefined) settings.lenient = changes.lenient;
      if (changes.faults) faults.configure(changes.faults);
      if (changes.defects) defects.set(changes.defects);
      notify();
      return status();
    },
    async reset() {
      loadSeed();
      writer?.schedule();
      notify();
      return status();
    },
    async close() {
      await closeServer(server);
      await writer?.flush();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
