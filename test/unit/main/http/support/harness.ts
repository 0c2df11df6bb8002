import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppFailure, type AppError } from '@shared/api/errors';
import type { EventPayload } from '@shared/api/events';
import type { EndpointInput, SecretField } from '@shared/model/endpoint';
import type { RequestSpec } from '@shared/model/request-spec';
import { defaultSettings, type Settings } from '@shared/model/settings';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { BlobStore } from '../../../../../src/main/services/blobs/blob-store';
import type { BuiltInEndpoint } from '../../../../../src/main/services/endpoints/built-ins';
import { EndpointsService } from '../../../../../src/main/services/endpoints/endpoints-service';
import type { CompletedExchange } from '../../../../../src/main/services/exchange-sink';
import { HttpEngine } from '../../../../../src/main/services/http/engine';
import { createMemoryLogger } from '../../../../../src/main/services/log/logger';
import { KeyringStore } from '../../../../../src/main/services/vault/keyring-store';
import { Vault } from '../../../../../src/main/services/vault/vault';

export interface Harness {
  dir: string;
  scrubber: SecretScrubber;
  log: ReturnType<typeof createMemoryLogger>;
  vault: Vault;
  endpoints: EndpointsService;
  engine: HttpEngine;
  blobs: BlobStore;
  http: Settings['http'];
  progress: EventPayload<'http.progress'>[];
  recorded: CompletedExchange[];
  /** saves an endpoint and its secrets (in the real keychain); returns its id */
  addEndpoint(input: EndpointInput, secrets?: Partial<Record<SecretField, string>>): Promise<string>;
  spec(endpointId: string, path: string, rest?: Partial<RequestSpec>): RequestSpec;
  dispose(): Promise<void>;
}

/** The real services (keychain, endpoints file, engine) over a temporary data directory. */
export async function createHarness(options: { env?: NodeJS.ProcessEnv; builtIns?: () => BuiltInEndpoint[] } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-engine-'));
  const scrubber = new SecretScrubber();
  const log = createMemoryLogger(scrubber);
  const vault = new Vault({ keychain: new KeyringStore(), scrubber, log });
  const endpoints = new EndpointsService({ path: join(dir, 'endpoints.json'), vault, scrubber, log, builtIns: options.builtIns });
  await endpoints.load();
  const http = { ...defaultSettings().http };
  const blobs = new BlobStore();
  const progress: EventPayload<'http.progress'>[] = [];
  const recorded: CompletedExchange[] = [];
  const engine = new HttpEngine({
    endpoints,
    settings: () => http,
    blobs,
    scrubber,
    log,
    bodiesDir: join(dir, 'bodies'),
    progress: (p) => progress.push(p),
    sink: { record: (c) => recorded.push(c) },
    env: options.env ?? {},
    userAgent: 'SCIM-Inspector/test',
  });
  endpoints.onChange((change) => engine.endpointChanged(change.id));
  const created: string[] = [];
  return {
    dir,
    scrubber,
    log,
    vault,
    endpoints,
    engine,
    blobs,
    http,
    progress,
    recorded,
    async addEndpoint(input, secrets = {}) {
      const view = await endpoints.create(input);
      created.push(view.id);
      for (const [field, value] of Object.entries(secrets)) await endpoints.setSecret(view.id, field as SecretField, value);
      return view.id;
    },
    spec: (endpointId, path, rest = {}) => ({ endpointId, method: 'GET', path, headers: [], variables: {}, ...rest }),
    async dispose() {
      await engine.close();
      for (const id of created) await endpoints.delete(id).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The AppError a call failed with (the test fails if it succeeded or threw something else). */
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected the call to fail with an AppFailure');
}
