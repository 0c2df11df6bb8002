import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, RequestInput, ResponseOf } from '@shared/api/contract';
import type { EventPayload } from '@shared/api/events';
import type { ConformanceRun, ReportFormat } from '@shared/model/conformance';
import { secretSpellings } from '@shared/redact/secret-scrubber';
import type { ScenarioCheck } from '@shared/scim/checks/types';
import { fail, pass } from '@shared/scim/checks/verdicts';
import { compose, type AppCore } from '../../../../src/main/compose';
import { ConformanceService } from '../../../../src/main/services/conformance/conformance-service';
import { ConformanceRunner } from '../../../../src/main/services/conformance/runner';
import { RunStore } from '../../../../src/main/services/conformance/run-store';
import { startSandbox, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';
import { tempDir } from '../../../support/temp-dir';

const CANARY = 'canary-5c1e8f20a9d74b36-TOKEN';

function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const leaks = (text: string) => secretSpellings(CANARY).filter((form) => text.includes(form));

describe('the conformance service through the contract', () => {
  const dir = tempDir();
  let core: AppCore;
  let target: SandboxServer;
  let endpointId: string;
  const progress: EventPayload<'conformance.progress'>[] = [];

  async function call<K extends CommandName>(command: K, payload: RequestInput<K>): Promise<ResponseOf<K>> {
    const answer = await core.router.dispatch(command, payload, { origin: 'test' });
    if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
    return answer.value as ResponseOf<K>;
  }

  beforeAll(async () => {
    core = await compose({ host: 'web', dataDir: dir.path, sandbox: false });
    core.events.subscribe((event) => {
      if (event.name === 'conformance.progress') progress.push(event.payload);
    });
    // the sandbox accepts the canary as its token: every request carries it
    target = await startSandbox({ users: 5, token: CANARY });
    endpointId = (await call('endpoints.create', { endpoint: { name: 'target', baseUrl: target.baseUrl, auth: { kind: 'bearer' } } })).id;
    await call('endpoints.setSecret', { endpointId, field: 'token', value: CANARY });
  });

  afterAll(async () => {
    await core.dispose();
    await target.close();
    dir.cleanup();
  });

  let first: ConformanceRun;
  let second: ConformanceRun;

  it('runs with progress events, keeps the run, and lists it', async () => {
    first = await call('conformance.run', { endpointId, only: ['discovery', 'create', 'http'], runId: 'first' });
    expect(first.runId).toBe('first');
    expect(first.summary.failed).toBe(0);
    const mine = progress.filter((p) => p.runId === 'first');
    expect(mine[0]!.phase).toBe('discovery');
    expect(mine.filter((p) => p.result).map((p) => p.result!.id).sort()).toEqual(first.checks.map((c) => c.id).sort());
    expect(mine.at(-1)!.phase).toBe('done');
    const { runs, running } = await call('conformance.list', {});
    expect(runs.map((r) => r.runId)).toEqual(['first']);
    expect(running).toEqual([]);
    expect(await call('conformance.get', { runId: 'first' })).toEqual(first);
    const { groups, total } = await call('conformance.groups', {});
    expect(total).toBeGreaterThanOrEqual(5);
    expect(groups.find((g) => g.key === 'discovery')!.checks).toBeGreaterThanOrEqual(2);
    expect(groups.find((g) => g.key === 'create')!.mutating).toBeGreaterThanOrEqual(2);
  });

  it('compares two runs: a planted defect shows as newly failing', async () => {
    target.configure({ defects: ['json-content-type'] });
    try {
      second = await call('conformance.run', { endpointId, only: ['discovery', 'create', 'http'], runId: 'second' });
    } finally {
      target.configure({ defects: [] });
    }
    const diff = await call('conformance.compare', { baseRunId: 'first', headRunId: 'second' });
    expect(diff.newlyFailing.map((c) => c.id)).toEqual(['H01']);
    expect(diff.newlyFailing[0]).toMatchObject({ base: { status: 'pass' }, head: { status: 'fail' } });
    expect(diff.unchanged.map((c) => c.id)).toContain('D01');
    expect(diff.newlyPassing).toEqual([]);
    const back = await call('conformance.compare', { baseRunId: 'second', headRunId: 'first' });
    expect(back.newlyPassing.map((c) => c.id)).toEqual(['H01']);
    expect((await call('conformance.list', { endpointId })).runs.map((r) => r.runId)).toEqual(['second', 'first']);
  });

  it('exports the four reports with the cited exchanges, and opens a cited exchange', async () => {
    const h01 = second.checks.find((c) => c.id === 'H01')!;
    expect(h01.exchanges.length).toBeGreaterThan(0);
    for (const format of ['html', 'markdown', 'junit', 'json'] as ReportFormat[]) {
      const file = await call('conformance.export', { runId: 'second', format });
      expect(file.content, format).toContain('H01');
      expect(leaks(file.content), format).toEqual([]);
    }
    const md = (await call('conformance.export', { runId: 'second', format: 'markdown' })).content;
    expect(md).toMatch(/- `GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/ServiceProviderConfig → 200 OK/);
    const json = JSON.parse((await call('conformance.export', { runId: 'second', format: 'json' })).content) as { checks: { id: string; exchanges: string[] }[] };
    expect(json.checks.find((c) => c.id === 'H01')!.exchanges).toEqual(h01.exchanges);
    const opened = await call('conformance.exchange', { exchangeId: h01.exchanges[0]! });
    expect(opened.exchange.id).toBe(h01.exchanges[0]);
    expect(opened.exchange.response?.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]).toBe('application/json');
    expect(opened.exchange.request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]).toBe('Bearer [REDACTED]');
    const missing = await core.router.dispatch('conformance.exchange', { exchangeId: 'nope' }, { origin: 'test' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/no longer in history/) } });
  });

  it('scrubs a finding that quotes the secret out of the answer, the progress events, the kept run and the reports', async () => {
    const quoting: ScenarioCheck = {
      id: 'Sec01',
      mutates: false,
      async run({ client }) {
        await client.send({ method: 'GET', path: '/Users?count=1' });
        return fail(`the server accepted Bearer ${CANARY}`, { expected: `no ${CANARY}`, actual: encodeURIComponent(CANARY), fix: 'none' });
      },
    };
    const reading: ScenarioCheck = { id: 'Sec02', mutates: false, run: async () => pass(`fine ${CANARY}`) };
    const runner = new ConformanceRunner({ engine: core.engine, endpoint: () => ({ baseUrl: target.baseUrl, name: 'target', authKind: 'bearer' }), containsCredential: (text) => core.scrubber.contains(text), checks: [quoting, reading], version: 'test', log: core.log });
    const events: unknown[] = [];
    const store = new RunStore({ dir: join(dir.path, 'conformance-quoting'), scrubber: core.scrubber, log: core.log });
    const service = new ConformanceService({ runner, store, history: core.history, scrubber: core.scrubber, checks: [quoting, reading], onProgress: (p) => events.push(p) });
    const result = await service.run({ endpointId, profile: 'rfc', readOnly: false, only: [], concurrency: 2, runId: 'quoting' });
    expect(result.checks[0]!.detail).toBe('the server accepted Bearer [REDACTED]');
    expect(leaks(JSON.stringify(result))).toEqual([]);
    expect(events.length).toBeGreaterThan(2);
    expect(leaks(JSON.stringify(events))).toEqual([]);
    expect(leaks(JSON.stringify(service.get('quoting')))).toEqual([]);
    for (const format of ['html', 'markdown', 'junit', 'json'] as ReportFormat[]) expect(leaks((await service.report('quoting', { format, redaction: { personalData: [], secretHeaders: [] }, bodyLimit: 4000 })).content), format).toEqual([]);
    store.close();
  });

  it('leaves the secret in no file of the data folder (runs, history, logs)', async () => {
    await core.history.idle();
    const files = allFiles(dir.path);
    expect(files.some((f) => f.path.endsWith('runs.sqlite'))).toBe(true);
    for (const file of files) expect(leaks(file.bytes.toString('latin1')), file.path).toEqual([]);
  });

  it('deletes kept runs', async () => {
    expect(await call('conformance.delete', { runIds: ['first'] })).toEqual({ deleted: 1 });
    expect((await call('conformance.list', {})).runs.map((r) => r.runId)).toEqual(['second']);
    const gone = await core.router.dispatch('conformance.get', { runId: 'first' }, { origin: 'test' });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
