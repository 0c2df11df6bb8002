import { mkdirSync } from 'node:fs';
import type { AppInfo } from '@shared/api/commands/app';
import type { Capabilities, HostKind } from '@shared/api/capabilities';
import { fail } from '@shared/api/errors';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { appHandlers } from './rpc/handlers/app';
import { settingsHandlers } from './rpc/handlers/settings';
import { workspaceHandlers } from './rpc/handlers/workspace';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { BlobStore } from './services/blobs/blob-store';
import { EventBus } from './services/events/event-bus';
import { createFileLogger, type Logger } from './services/log/logger';
import { SettingsStore } from './services/settings/settings-store';
import { dataPaths, type DataPaths } from './services/storage/data-dir';
import { WorkspaceStore } from './services/workspace/workspace-store';
import { APP_NAME, APP_VERSION } from './version';

export interface ComposeOptions {
  host: HostKind;
  dataDir: string;
  capabilities?: Partial<Capabilities>;
  runtime?: AppInfo['runtime'];
  /** echo warnings to stderr (CLI hosts) */
  echoLog?: boolean;
}

/** Everything a host needs: the router to call, the events to forward, the bodies to serve. */
export interface AppCore {
  router: Router;
  events: EventBus;
  blobs: BlobStore;
  log: Logger;
  scrubber: SecretScrubber;
  paths: DataPaths;
  settings: SettingsStore;
  /** problems found at start (a damaged file set aside…) for the UI to show */
  notices: string[];
  info(): AppInfo;
  dispose(): Promise<void>;
}

/** The one composition root: both hosts call this and nothing else to build the app. */
export async function compose(options: ComposeOptions): Promise<AppCore> {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const scrubber = new SecretScrubber();
  const log = createFileLogger({ dir: paths.logs, scrubber, echo: options.echoLog ?? false });
  const events = new EventBus();
  const blobs = new BlobStore();
  const startedAt = new Date().toISOString();
  const settings = new SettingsStore(paths.settings, log);
  const settingsNotice = await settings.load();
  const notices: string[] = [settingsNotice].filter((n): n is string => n !== undefined);
  const workspace = new WorkspaceStore({
    path: paths.workspace,
    log,
    scrub: (text) => scrubber.scrub(text),
    onWriteError: (message) => events.emit('app.notice', { level: 'error', message, source: 'workspace' }),
  });
  const workspaceNotice = await workspace.load();
  if (workspaceNotice) notices.push(workspaceNotice);

  const capabilities: Capabilities = {
    nativeDialogs: options.host === 'desktop',
    keychain: true,
    sandbox: true,
    openExternal: options.host === 'desktop',
    ...options.capabilities,
  };
  const info = (): AppInfo => ({
    name: APP_NAME,
    version: APP_VERSION,
    host: options.host,
    platform: process.platform,
    runtime: options.runtime ?? { node: process.versions.node },
    dataDir: paths.root,
    capabilities,
    startedAt,
    notices,
  });

  const notYet = (): never => {
    throw fail('unsupported', 'Connections are not wired yet (issue 5 in progress)');
  };
  const handlers: Handlers = {
    ...appHandlers({ info, blobs }),
    ...settingsHandlers(settings),
    ...workspaceHandlers(workspace),
    'endpoints.list': notYet,
    'endpoints.get': notYet,
    'endpoints.create': notYet,
    'endpoints.update': notYet,
    'endpoints.duplicate': notYet,
    'endpoints.delete': notYet,
    'endpoints.setSecret': notYet,
    'endpoints.clearSecret': notYet,
    'endpoints.test': notYet,
    'vault.status': notYet,
    'vault.useSessionOnly': notYet,
    'http.send': notYet,
    'http.cancel': notYet,
    'discovery.get': notYet,
  };
  const router = createRouter(handlers, { log, scrub: (text) => scrubber.scrub(text) });
  log.info('started', { host: options.host, version: APP_VERSION });

  return {
    router,
    events,
    blobs,
    log,
    scrubber,
    paths,
    settings,
    notices,
    info,
    async dispose() {
      log.info('stopping');
      await workspace.flush();
      await log.close();
    },
  };
}
