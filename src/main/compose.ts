import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '@shared/api/commands/app';
import type { Capabilities, HostKind } from '@shared/api/capabilities';
import { fail } from '@shared/api/errors';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { appHandlers } from './rpc/handlers/app';
import { collectionsHandlers } from './rpc/handlers/collections';
import { exchangeHandlers } from './rpc/handlers/exchange';
import { historyHandlers } from './rpc/handlers/history';
import { settingsHandlers } from './rpc/handlers/settings';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { BlobStore } from './services/blobs/blob-store';
import { CollectionRunner } from './services/collections/collection-runner';
import { CollectionsService } from './services/collections/collections-service';
import { EventBus } from './services/events/event-bus';
import { ExchangeService } from './services/exchange/exchange-service';
import { HistoryStore } from './services/history/history-store';
import { createFileLogger, type Logger } from './services/log/logger';
import type { RequestRunner } from './services/request-runner';
import { SettingsStore } from './services/settings/settings-store';
import { dataPaths, type DataPaths } from './services/storage/data-dir';
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
  /** every sent request; the request engine's `ExchangeSink` */
  history: HistoryStore;
  collections: CollectionsService;
  collectionRunner: CollectionRunner;
  /** plugs the request engine into collection runs */
  setRequestRunner(runner: RequestRunner): void;
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
  const notice = (source: string) => (message: string) => {
    notices.push(message);
    events.emit('app.notice', { level: 'warning', message, source });
  };

  const history = new HistoryStore({
    dir: paths.history,
    scrubber,
    settings: () => settings.get().history,
    log,
    onChange: (reason, count) => events.emit('history.changed', { reason, count }),
    onNotice: notice('history'),
  });
  const collections = new CollectionsService({
    dir: paths.collections,
    registryFile: join(paths.root, 'collection-folders.json'),
    scrubber,
    log,
    onChange: (collectionId) => events.emit('collections.changed', { collectionId }),
  });
  await collections.init();
  notices.push(...collections.notices);
  let requestRunner: RequestRunner = {
    send: () => Promise.reject(fail('unsupported', 'Running saved requests needs the request engine, which is not available in this build yet')),
  };
  const collectionRunner = new CollectionRunner({
    collections,
    runner: () => requestRunner,
    readBody: (exchange) => {
      const blobId = exchange.response?.body.blobId;
      return blobId && blobs.has(blobId) ? blobs.read(blobId).toString('utf8') : undefined;
    },
    onStep: (runId, step, index, total) => events.emit('collections.runStep', { runId, step, index, total }),
  });
  const exchange = new ExchangeService({
    history,
    runs: collectionRunner,
    collections,
    scrubber,
    environment: () => ({
      app: { name: APP_NAME, version: APP_VERSION },
      host: options.host,
      platform: process.platform,
      runtime: [`Node ${process.versions.node}`, options.runtime?.electron ? `Electron ${options.runtime.electron}` : ''].filter(Boolean).join(', '),
    }),
  });

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

  const handlers: Handlers = {
    ...appHandlers({ info, blobs }),
    ...settingsHandlers(settings),
    ...historyHandlers({ history, blobs, previewBytes: () => settings.get().http.previewBytes }),
    ...collectionsHandlers({ collections, runner: collectionRunner }),
    ...exchangeHandlers(exchange),
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
    history,
    collections,
    collectionRunner,
    setRequestRunner(runner) {
      requestRunner = runner;
    },
    notices,
    info,
    async dispose() {
      log.info('stopping');
      await collections.close();
      await history.close();
      await log.close();
    },
  };
}
