import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AppInfo } from '@shared/api/commands/app';
import type { Capabilities, HostKind } from '@shared/api/capabilities';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { appHandlers } from './rpc/handlers/app';
import { collectionsHandlers } from './rpc/handlers/collections';
import { conformanceHandlers } from './rpc/handlers/conformance';
import { exchangeHandlers } from './rpc/handlers/exchange';
import { historyHandlers } from './rpc/handlers/history';
import { sandboxHandlers } from './rpc/handlers/sandbox';
import { discoveryHandlers } from './rpc/handlers/discovery';
import { endpointsHandlers } from './rpc/handlers/endpoints';
import { httpHandlers } from './rpc/handlers/http';
import { vaultHandlers } from './rpc/handlers/vault';
import { settingsHandlers } from './rpc/handlers/settings';
import { workspaceHandlers } from './rpc/handlers/workspace';
import { simulatorHandlers } from './rpc/handlers/simulator';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { BlobStore } from './services/blobs/blob-store';
import { CollectionRunner } from './services/collections/collection-runner';
import { CollectionSecrets } from './services/collections/collection-secrets';
import { CollectionsService } from './services/collections/collections-service';
import { ConformanceService } from './services/conformance/conformance-service';
import { ConformanceRunner } from './services/conformance/runner';
import { RunStore } from './services/conformance/run-store';
import { CHECKS } from '@shared/scim/checks';
import { DiscoveryService } from './services/discovery/discovery-service';
import { sandboxBuiltIns, type BuiltInProvider } from './services/endpoints/built-ins';
import { EndpointsService } from './services/endpoints/endpoints-service';
import type { ExchangeSink } from './services/exchange-sink';
import { HttpEngine } from './services/http/engine';
import { EventBus } from './services/events/event-bus';
import { ExchangeService } from './services/exchange/exchange-service';
import { registryFromDiscovery } from './services/exchange/scim-findings';
import { HistoryStore } from './services/history/history-store';
import { createFileLogger, type Logger } from './services/log/logger';
import type { RequestRunner } from './services/request-runner';
import { startSandbox, type SandboxServer } from './services/sandbox/sandbox';
import { SettingsStore } from './services/settings/settings-store';
import { SimulatorService } from './services/simulator/simulator-service';
import { dataPaths, type DataPaths } from './services/storage/data-dir';
import { removeStaleTemps } from './services/storage/stale-temps';
import { WorkspaceStore } from './services/workspace/workspace-store';
import { KeyringStore } from './services/vault/keyring-store';
import { SessionStore } from './services/vault/secret-store';
import { Vault } from './services/vault/vault';
import { APP_NAME, APP_VERSION } from './version';

export interface ComposeOptions {
  host: HostKind;
  dataDir: string;
  capabilities?: Partial<Capabilities>;
  runtime?: AppInfo['runtime'];
  /** echo warnings to stderr (CLI hosts) */
  echoLog?: boolean;
  /** the embedded sandbox SCIM server (when `capabilities.sandbox`): false turns it off (tests) */
  sandbox?: false | { users?: number; port?: number };
  /** endpoints the app provides itself, listed first (default: the sandbox); tokens from memory only */
  builtInEndpoints?: BuiltInProvider;
  /** also told about every exchange the engine completes (history always is) */
  exchangeSink?: ExchangeSink;
  /** where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: process.env) */
  env?: NodeJS.ProcessEnv;
  /** `session`: secrets in memory only, the keychain is never asked (the CLI with built-in endpoints) */
  secrets?: 'keychain' | 'session';
}

/** Where the built-in "Sandbox" endpoint points; the token lives only in main's memory. */
export interface SandboxAccess {
  baseUrl: string;
  token: string;
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
  vault: Vault;
  endpoints: EndpointsService;
  engine: HttpEngine;
  discovery: DiscoveryService;
  /** every sent request; the request engine's `ExchangeSink` */
  history: HistoryStore;
  collections: CollectionsService;
  collectionRunner: CollectionRunner;
  /** drives an endpoint through the conformance check catalogue; keeps, compares and reports runs */
  conformance: ConformanceService;
  /** the IdP simulator (sends through the same request runner as collection runs) */
  simulator: SimulatorService;
  /** what collection runs send through (the engine; tests put their own) */
  setRequestRunner(runner: RequestRunner): void;
  /** problems found at start (a damaged file set aside…) for the UI to show */
  notices: string[];
  /** the running sandbox SCIM server, if any (never send `token` to the renderer) */
  sandbox: SandboxAccess | undefined;
  info(): AppInfo;
  dispose(): Promise<void>;
}

/** The one composition root: both hosts call this and nothing else to build the app. */
export async function compose(options: ComposeOptions): Promise<AppCore> {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  // temp files of atomic writes that a killed process left (history and collections sweep their own folders)
  for (const dir of [paths.root, paths.bodies]) await removeStaleTemps(dir);
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
    capabilities: { ...capabilities, keychain: capabilities.keychain && vault.keychainUsable },
    startedAt,
    notices,
  });

  const sandbox = capabilities.sandbox && options.sandbox !== false ? await startEmbeddedSandbox(options.sandbox || {}, { log, events, scrubber, notices }) : undefined;
  const vault = new Vault({
    keychain: options.secrets === 'session' ? new SessionStore() : new KeyringStore(),
    scrubber,
    log,
    onStatus: (status) => events.emit('vault.changed', status),
  });
  const keychainStatus = await vault.status();
  if (!keychainStatus.ok) notices.push(`The OS keychain cannot be used: ${keychainStatus.problem} ${keychainStatus.fix ?? ''}`.trim());

  const sandboxAccess: SandboxAccess | undefined = sandbox ? { baseUrl: sandbox.server.baseUrl, token: sandbox.server.token } : undefined;
  const builtIns = options.builtInEndpoints ?? (() => sandboxBuiltIns(sandboxAccess));
  const endpoints = new EndpointsService({ path: paths.endpoints, vault, scrubber, log, builtIns });
  const endpointsNotice = await endpoints.load();
  if (endpointsNotice) notices.push(endpointsNotice);
  const engine = new HttpEngine({
    endpoints,
    settings: () => settings.get().http,
    blobs,
    scrubber,
    log,
    bodiesDir: paths.bodies,
    progress: (payload) => events.emit('http.progress', payload),
    sink: {
      record(completed) {
        history.record(completed);
        options.exchangeSink?.record(completed);
      },
    },
    env: options.env,
    userAgent: `SCIM-Inspector/${APP_VERSION}`,
  });
  // the values of collections' secret variables, in the keychain
  const collectionSecrets = new CollectionSecrets(vault);
  const collections = new CollectionsService({
    secrets: collectionSecrets,
    dir: paths.collections,
    registryFile: paths.collectionFolders,
    scrubber,
    log,
    onChange: (collectionId) => events.emit('collections.changed', { collectionId }),
  });
  await collections.init();
  notices.push(...collections.notices);
  let requestRunner: RequestRunner = engineRunner(engine);
  const collectionRunner = new CollectionRunner({
    collections,
    runner: () => requestRunner,
    readBody: (exchange) => {
      const blobId = exchange.response?.body.blobId;
      return blobId && blobs.has(blobId) ? blobs.read(blobId).toString('utf8') : undefined;
    },
    onStep: (runId, step, index, total) => events.emit('collections.runStep', { runId, step, index, total }),
    // the SCIM checks of each step read the endpoint's own schemas
    registry: async (endpointId) => registryFromDiscovery(await discovery.get(endpointId)),
    secretValues: (collection) => collectionSecrets.values(collection),
  });
  const exchange = new ExchangeService({
    history,
    runs: collectionRunner,
    collections,
    scrubber,
    // the endpoints' API-key headers are credentials too
    secretHeaders: async () => (await endpoints.list()).endpoints.flatMap((e) => (e.auth.kind === 'api-key' ? [e.auth.headerName] : [])),
    secrets: collectionSecrets,
    // findings in exports read each endpoint's schemas as discovery already knows them
    registry: (endpointId) => registryFromDiscovery(endpointId ? discovery.cached(endpointId) : undefined),
    environment: () => ({
      app: { name: APP_NAME, version: APP_VERSION },
      host: options.host,
      platform: process.platform,
      runtime: [`Node ${process.versions.node}`, options.runtime?.electron ? `Electron ${options.runtime.electron}` : ''].filter(Boolean).join(', '),
    }),
  });
  const simulator = new SimulatorService({
    dir: paths.simulator,
    runner: () => requestRunner,
    baseUrl: (endpointId) => endpoints.endpoint(endpointId).baseUrl,
    readBody: (exchange) => {
      const blobId = exchange.response?.body.blobId;
      return blobId && blobs.has(blobId) ? blobs.read(blobId).toString('utf8') : undefined;
    },
    onProgress: (progress) => events.emit('simulator.progress', progress),
  });
  const discovery = new DiscoveryService(engine);
  const conformanceRunner = new ConformanceRunner({
    engine,
    endpoint: (id) => {
      const endpoint = endpoints.endpoint(id);
      return { baseUrl: endpoint.baseUrl, name: endpoint.name, authKind: endpoint.auth.kind };
    },
    containsCredential: (text) => scrubber.contains(text),
    checks: CHECKS,
    version: APP_VERSION,
    log,
  });
  const conformanceRuns = new RunStore({ dir: paths.conformance, scrubber, log, onNotice: notice('conformance') });
  const conformance = new ConformanceService({
    runner: conformanceRunner,
    store: conformanceRuns,
    history,
    scrubber,
    checks: CHECKS,
    secretHeaders: async () => (await endpoints.list()).endpoints.flatMap((e) => (e.auth.kind === 'api-key' ? [e.auth.headerName] : [])),
    onProgress: (progress) => events.emit('conformance.progress', progress),
  });
  endpoints.onChange((change) => {
    engine.endpointChanged(change.id);
    discovery.invalidate(change.id);
    events.emit('endpoints.changed', change);
  });

  const handlers: Handlers = {
    ...appHandlers({ info, blobs }),
    ...settingsHandlers(settings),
    ...workspaceHandlers(workspace),
    ...sandboxHandlers(sandbox?.server),
    ...endpointsHandlers({ endpoints, engine }),
    ...vaultHandlers(vault),
    ...httpHandlers({ engine, collections, secretValues: (collection) => collectionSecrets.values(collection) }),
    ...discoveryHandlers(discovery),
    ...historyHandlers({ history, blobs, previewBytes: () => settings.get().http.previewBytes, runs: collectionRunner }),
    ...collectionsHandlers({ collections, runner: collectionRunner, secrets: collectionSecrets }),
    ...exchangeHandlers(exchange),
    ...conformanceHandlers({ conformance, blobs, previewBytes: () => settings.get().http.previewBytes }),
    ...simulatorHandlers(simulator),
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
    vault,
    endpoints,
    engine,
    discovery,
    history,
    collections,
    collectionRunner,
    conformance,
    simulator,
    setRequestRunner(runner) {
      requestRunner = runner;
    },
    notices,
    sandbox: sandboxAccess,
    info,
    async dispose() {
      log.info('stopping');
      for (const runId of conformance.running()) conformance.cancel(runId);
      await workspace.flush();
      await engine.close();
      await sandbox?.stop();
      await collections.close();
      await history.close();
      conformanceRuns.close();
      await log.close();
    },
  };
}

/** Collection runs through the engine; a run's abort signal cancels the request in flight. */
function engineRunner(engine: HttpEngine): RequestRunner {
  return {
    async send(spec, signal) {
      const requestId = `run-${randomUUID()}`;
      const cancel = () => engine.cancel(requestId);
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        return await engine.send(requestId, spec);
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    },
  };
}

/** Starts the sandbox on a free 127.0.0.1 port; a failure to start is a notice, not a failed app start. */
async function startEmbeddedSandbox(
  options: { users?: number; port?: number },
  deps: { log: Logger; events: EventBus; scrubber: SecretScrubber; notices: string[] },
): Promise<{ server: SandboxServer; stop: () => Promise<void> } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let server: SandboxServer | undefined;
  const changed = () => {
    // data changes come in bursts (bulk, imports): one event per burst is enough for the UI
    timer ??= setTimeout(() => {
      timer = undefined;
      if (server) deps.events.emit('sandbox.changed', server.status());
    }, 200);
    timer.unref();
  };
  try {
    server = await startSandbox({
      ...(options.users !== undefined ? { users: options.users } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      log: (message, fields) => deps.log.error(message, fields),
      onChange: changed,
    });
  } catch (error) {
    const message = `The sandbox SCIM server could not start: ${error instanceof Error ? error.message : String(error)}`;
    deps.log.warn('sandbox did not start', { error: String(error) });
    deps.notices.push(message);
    return undefined;
  }
  deps.scrubber.add(server.token);
  deps.log.info('sandbox started', { baseUrl: server.baseUrl });
  const running = server;
  return {
    server: running,
    stop: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running.close();
    },
  };
}
