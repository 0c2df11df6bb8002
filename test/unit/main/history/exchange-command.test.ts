import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collection, RunResult } from '@shared/model/collection';
import type { HttpExchange } from '@shared/model/exchange';
import { compose, type AppCore } from '../../../../src/main/compose';

const ctx = { origin: 'test' };

async function call<T>(core: AppCore, command: string, payload: unknown): Promise<T> {
  const answer = (await core.router.dispatch(command as never, payload as never, ctx)) as { ok: boolean; value?: T; error?: { kind: string; message: string } };
  if (!answer.ok) throw Object.assign(new Error(answer.error!.message), { kind: answer.error!.kind });
  return answer.value!;
}

describe('history.exchange: a collection run step’s own exchange', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function runTwoCollections(historyEnabled: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'history-exchange-'));
    const core = await compose({ host: 'web', dataDir: dir, sandbox: { users: 5 } });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => core.dispose());
    if (!historyEnabled) await call(core, 'settings.update', { history: { enabled: false } });
    const endpointId = (await call<{ defaultId: string }>(core, 'endpoints.list', {})).defaultId;
    const a = await call<Collection>(core, 'collections.create', { name: 'A' });
    await call(core, 'collections.saveRequest', { collectionId: a.id, parentId: '', request: { name: 'Same name', method: 'GET', path: '/Users?count=1' } });
    const b = await call<Collection>(core, 'collections.create', { name: 'B' });
    await call(core, 'collections.saveRequest', { collectionId: b.id, parentId: '', request: { name: 'Same name', method: 'GET', path: '/Groups?count=2' } });
    const runA = await call<RunResult>(core, 'collections.run', { collectionId: a.id, endpointId });
    const runB = await call<RunResult>(core, 'collections.run', { collectionId: b.id, endpointId });
    return { core, runA, runB };
  }

  it('finds each step’s exchange by its id in history, whatever its name', async () => {
    const { core, runA, runB } = await runTwoCollections(true);
    const stepA = runA.steps[0]!;
    const stepB = runB.steps[0]!;
    expect(stepA.name).toBe(stepB.name);
    const fromA = await call<{ exchange: HttpExchange; historyId?: number }>(core, 'history.exchange', { exchangeId: stepA.exchangeId });
    const fromB = await call<{ exchange: HttpExchange; historyId?: number }>(core, 'history.exchange', { exchangeId: stepB.exchangeId, runId: runB.runId });
    expect(fromA.exchange.id).toBe(stepA.exchangeId);
    expect(fromA.exchange.request.url).toMatch(/\/Users\?count=1$/);
    expect(fromB.exchange.request.url).toMatch(/\/Groups\?count=2$/);
    expect(JSON.parse(fromB.exchange.response!.body.preview).Resources).toHaveLength(2);
    expect(fromB.historyId).toBeTypeOf('number');
  });

  it('falls back to the run when history is off, and says so when neither has it', async () => {
    const { core, runB } = await runTwoCollections(false);
    const step = runB.steps[0]!;
    const found = await call<{ exchange: HttpExchange; historyId?: number }>(core, 'history.exchange', { exchangeId: step.exchangeId, runId: runB.runId });
    expect(found.historyId).toBeUndefined();
    expect(found.exchange.request.url).toMatch(/\/Groups\?count=2$/);
    await expect(call(core, 'history.exchange', { exchangeId: step.exchangeId })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('not in history') });
  });
});
