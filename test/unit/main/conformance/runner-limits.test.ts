import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '@shared/api/errors';
import type { ConformanceRun } from '@shared/model/conformance';
import type { CheckDefinition, ScenarioCheck } from '@shared/scim/checks/types';
import { pass } from '@shared/scim/checks/verdicts';
import { compose, type AppCore } from '../../../../src/main/compose';
import { ConformanceRunner, type ConformanceProgress } from '../../../../src/main/services/conformance/runner';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { tempDir } from '../../../support/temp-dir';
import { startCountingProxy, type CountingProxy, type ProxiedRequest } from './counting-proxy';

/** Checks made for these tests (catalogue ids, so the planner takes them); each tags its requests. */
const reader = (id: string, requests = 3): ScenarioCheck => ({
  id,
  mutates: false,
  async run({ client }) {
    await Promise.all(Array.from({ length: requests }, () => client.send({ method: 'GET', path: '/Users?count=1', headers: { 'x-check': id } })));
    return pass(`${requests} reads`);
  },
});

const alone = (id: string): ScenarioCheck => ({
  id,
  mutates: false,
  exclusive: true,
  async run({ client }) {
    await Promise.all(Array.from({ length: 6 }, () => client.send({ method: 'GET', path: '/Users?count=1', headers: { 'x-check': id } })));
    return pass('six reads at once');
  },
});

/** Creates a user, then reads until the run is cancelled. */
const looping = (id: string): ScenarioCheck => ({
  id,
  mutates: true,
  async run({ client, fixtures, signal, sleep }) {
    await fixtures.createUser();
    while (!signal.aborted) {
      await client.send({ method: 'GET', path: '/Users?count=1', headers: { 'x-check': id } });
      await sleep(10);
    }
    return pass('stopped');
  },
});

const creator = (id: string): ScenarioCheck => ({
  id,
  mutates: true,
  async run({ fixtures }) {
    await fixtures.createUser();
    await fixtures.createGroup();
    return pass('created a user and a group');
  },
});

/** The most requests of `selected` that overlapped in time at the server. */
function maxOverlap(requests: readonly ProxiedRequest[]): number {
  const edges = requests.flatMap((r) => [{ at: r.start, d: 1 }, { at: r.end, d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (now += e.d));
  return max;
}

const overlaps = (a: ProxiedRequest, b: ProxiedRequest) => a.start < b.end && b.start < a.end;

describe('the conformance runner: the per-endpoint limit, exclusive checks, cancel and cleanup', () => {
  const dir = tempDir();
  let core: AppCore;
  let target: SandboxServer;
  let proxy: CountingProxy;
  let endpointId: string;

  const runner = (checks: CheckDefinition[]) =>
    new ConformanceRunner({ engine: core.engine, endpoint: () => ({ baseUrl: proxy.baseUrl, name: 'proxy', authKind: 'bearer' }), containsCredential: (text) => core.scrubber.contains(text), checks, version: 'test', log: core.log });
  const options = (concurrency: number, only: string[] = []) => ({ endpointId, profile: 'rfc' as const, readOnly: false, only, concurrency });
  const usersNamed = async (prefix: string) => {
    const answer = await fetch(`${target.baseUrl}/Users?filter=${encodeURIComponent(`userName sw "${prefix}"`)}`, { headers: { authorization: `Bearer ${target.token}` } });
    return ((await answer.json()) as { totalResults: number }).totalResults;
  };
  const groupsNamed = async (prefix: string) => {
    const answer = await fetch(`${target.baseUrl}/Groups?filter=${encodeURIComponent(`displayName sw "${prefix}"`)}`, { headers: { authorization: `Bearer ${target.token}` } });
    return ((await answer.json()) as { totalResults: number }).totalResults;
  };

  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: false });
    target = await startSandbox({ users: 5 });
    proxy = await startCountingProxy(target.baseUrl);
    const created = await core.router.dispatch('endpoints.create', { endpoint: { name: 'proxied', baseUrl: proxy.baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!created.ok) throw new Error(created.error.message);
    endpointId = (created.value as { id: string }).id;
    const secret = await core.router.dispatch('endpoints.setSecret', { endpointId, field: 'token', value: target.token }, { origin: 'test' });
    if (!secret.ok) throw new Error(secret.error.message);
  });

  beforeEach(() => {
    proxy.requests.length = 0;
    proxy.configure({ latencyMs: 15, refuseDelete: false });
  });

  afterAll(async () => {
    await core.dispose();
    await proxy.close();
    await target.close();
    dir.cleanup();
  });

  it('keeps the requests in flight within the limit, runs independent checks concurrently, and an exclusive check alone', async () => {
    const readers = Array.from({ length: 12 }, (_, i) => reader(`F${String(i + 1).padStart(2, '0')}`));
    const events: ConformanceProgress[] = [];
    const result = await runner([...readers, alone('Pf01')]).run(options(4), { onProgress: (p) => events.push(p) });
    expect(result.checks.map((c) => c.status)).toEqual(Array(13).fill('pass'));
    const tagged = proxy.requests.filter((r) => r.check?.startsWith('F'));
    const exclusive = proxy.requests.filter((r) => r.check === 'Pf01');
    expect(tagged).toHaveLength(36);
    expect(maxOverlap(proxy.requests.filter((r) => r.check !== 'Pf01'))).toBeLessThanOrEqual(4);
    expect(maxOverlap(tagged)).toBeGreaterThanOrEqual(3);
    // alone: none of its six requests overlaps anything else, and they went out together
    for (const mine of exclusive) for (const other of proxy.requests.filter((r) => r.check !== 'Pf01')) expect(overlaps(mine, other)).toBe(false);
    // more than the limit of 4: its requests go straight through while it holds the endpoint
    expect(maxOverlap(exclusive)).toBeGreaterThanOrEqual(5);
    // progress: discovery first, a `checks` event per check, then cleanup and done
    expect(events[0]).toMatchObject({ phase: 'discovery', runId: result.runId });
    expect(events.filter((e) => e.phase === 'checks').map((e) => e.result!.id).sort()).toEqual(result.checks.map((c) => c.id).sort());
    expect(events.filter((e) => e.phase === 'checks').at(-1)).toMatchObject({ done: 13, total: 13 });
    expect(events.slice(-2).map((e) => e.phase)).toEqual(['cleanup', 'done']);
  });

  it('holds two runs against the same endpoint to one limit together', async () => {
    const shared = runner(Array.from({ length: 10 }, (_, i) => reader(`F${String(i + 1).padStart(2, '0')}`, 2)));
    const [a, b] = await Promise.all([shared.run(options(3)), shared.run(options(3))]);
    expect(a.summary.passed + b.summary.passed).toBe(20);
    expect(proxy.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(maxOverlap(proxy.requests)).toBeLessThanOrEqual(3);
    expect(shared.gates.get(endpointId)).toBeUndefined();
  });

  it('cancels mid-run: running checks end as skipped, unstarted ones are listed as not run, and what was created is removed', async () => {
    const checks = ['C02', 'C03', 'C04', 'C05', 'C06', 'C07'].map(looping);
    const cancellable = runner(checks);
    const runId = 'cancel-me';
    const running = cancellable.run({ ...options(2), runId });
    await expect.poll(() => proxy.requests.filter((r) => r.check !== undefined).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    expect(cancellable.running()).toEqual([runId]);
    expect(cancellable.cancel(runId)).toBe(true);
    const result: ConformanceRun = await running;
    const answeredAt = performance.now();
    expect(result.cancelled).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual(['C02', 'C03', 'C04', 'C05', 'C06', 'C07']);
    expect(result.checks.every((c) => c.status === 'skip')).toBe(true);
    // with 2 requests at once, 4 checks run at once (twice the limit: one judges while another waits for its answer)
    expect(result.checks.filter((c) => /cancelled while this check ran/.test(c.detail))).toHaveLength(4);
    expect(result.checks.filter((c) => /^Not run: the run was cancelled/.test(c.detail))).toHaveLength(2);
    expect(result.leftovers).toEqual([]);
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(4);
    expect(await usersNamed(result.prefix)).toBe(0);
    // nothing is left running: no request reaches the server after the run answered (requests the
    // run abandoned end at the proxy a little later)
    await expect.poll(() => proxy.inFlight, { timeout: 5000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.requests.filter((r) => r.start > answeredAt)).toEqual([]);
    expect(cancellable.running()).toEqual([]);
    expect(cancellable.cancel(runId)).toBe(false);
  });

  it('lists what it could not remove when the server refuses DELETE', async () => {
    proxy.configure({ refuseDelete: true });
    const result = await runner([creator('C02'), creator('C03')]).run(options(4));
    expect(result.checks.map((c) => c.status)).toEqual(['pass', 'pass']);
    expect(result.leftovers).toHaveLength(4);
    expect(result.leftovers.map((l) => l.endpoint).sort()).toEqual(['/Groups', '/Groups', '/Users', '/Users']);
    for (const l of result.leftovers) expect(l.reason).toBe('DELETE answered 405');
    expect(await usersNamed(result.prefix)).toBe(2);
    expect(await groupsNamed(result.prefix)).toBe(2);
    // the leftovers are real: remove them by their ids
    for (const l of result.leftovers) {
      const answer = await fetch(`${target.baseUrl}${l.endpoint}/${l.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${target.token}` } });
      expect(answer.status).toBe(204);
    }
  });

  it('does not run against a server it cannot reach or that refuses the credentials', async () => {
    const wrong = await core.router.dispatch('endpoints.create', { endpoint: { name: 'wrong token', baseUrl: target.baseUrl, auth: { kind: 'bearer' } } }, { origin: 'test' });
    if (!wrong.ok) throw new Error(wrong.error.message);
    const wrongId = (wrong.value as { id: string }).id;
    await core.router.dispatch('endpoints.setSecret', { endpointId: wrongId, field: 'token', value: 'not-the-token' }, { origin: 'test' });
    const refused = await runner([reader('F01')]).run({ ...options(2), endpointId: wrongId }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).error).toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/refused the endpoint's credentials: GET \/ServiceProviderConfig answered 401/) });

    const down = await core.router.dispatch('endpoints.create', { endpoint: { name: 'down', baseUrl: 'http://127.0.0.1:9/scim/v2', auth: { kind: 'none' } } }, { origin: 'test' });
    if (!down.ok) throw new Error(down.error.message);
    const unreachable = await runner([reader('F01')]).run({ ...options(2), endpointId: (down.value as { id: string }).id }).catch((e: unknown) => e);
    expect((unreachable as AppFailure).error).toMatchObject({ kind: 'connect', message: expect.stringMatching(/could not be reached/) });
  });
});
