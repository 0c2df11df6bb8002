import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';
import { RUNS_FILE } from '../../../../src/main/services/conformance/run-database';
import { RunStore } from '../../../../src/main/services/conformance/run-store';
import { tempDir } from '../../../support/temp-dir';
import { CANARY, check, run } from '../../shared/conformance/sample-run';

describe('the conformance run store (node:sqlite)', () => {
  const dirs: { cleanup(): void }[] = [];
  const stores: RunStore[] = [];
  const open = (dir: string, keep?: number, notices: string[] = []) => {
    const scrubber = new SecretScrubber();
    scrubber.add(CANARY);
    const store = new RunStore({ dir, scrubber, log: createMemoryLogger(scrubber), ...(keep ? { keep } : {}), onNotice: (m) => notices.push(m) });
    stores.push(store);
    return store;
  };
  const fresh = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir.path;
  };
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it('keeps runs across a reopen, newest first, filtered by endpoint; gets one whole; deletes', () => {
    const dir = fresh();
    const store = open(dir);
    store.save(run([check('D01', 'pass')], { runId: 'old', startedAt: '2026-01-01T00:00:00.000Z', target: { url: 'http://a', endpointId: 'a' } }));
    store.save(run([check('D01', 'fail'), check('F01', 'warn')], { runId: 'new', startedAt: '2026-01-02T00:00:00.000Z', target: { url: 'http://b', endpointId: 'b' } }));
    store.close();
    const again = open(dir);
    expect(again.list({ limit: 10 }).map((r) => r.runId)).toEqual(['new', 'old']);
    expect(again.list({ limit: 10, endpointId: 'a' }).map((r) => r.runId)).toEqual(['old']);
    expect(again.list({ limit: 1 })[0]).toMatchObject({ runId: 'new', checkCount: 2, summary: { passed: 0, failed: 1, warned: 1, skipped: 0 } });
    expect(again.get('new').checks.map((c) => `${c.id}:${c.status}`)).toEqual(['D01:fail', 'F01:warn']);
    expect(again.delete(['old', 'missing'])).toBe(1);
    expect(() => again.get('old')).toThrow(/not kept/);
  });

  it('is a WAL database file of its own in the data folder', () => {
    const dir = fresh();
    open(dir).save(run([check('D01', 'pass')]));
    const db = new DatabaseSync(join(dir, RUNS_FILE), { readOnly: true });
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('never writes a known secret, even when a finding quotes it', () => {
    const dir = fresh();
    const store = open(dir);
    store.save(run([check('D01', 'fail', { detail: `the server echoed ${CANARY}`, actual: `Bearer ${CANARY}` })], { leftovers: [{ endpoint: '/Users', id: CANARY, reason: 'DELETE answered 500' }] }));
    expect(store.get('run-1').checks[0]!.detail).toBe('the server echoed [REDACTED]');
    store.close();
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(CANARY), file).toBe(false);
  });

  it('keeps only the newest runs when asked to', () => {
    const store = open(fresh(), 2);
    for (const day of [1, 2, 3]) store.save(run([check('D01', 'pass')], { runId: `r${day}`, startedAt: `2026-01-0${day}T00:00:00.000Z` }));
    expect(store.list({ limit: 10 }).map((r) => r.runId)).toEqual(['r3', 'r2']);
  });

  it('says which run cannot be read when its row is damaged, and still lists the others', () => {
    const dir = fresh();
    const store = open(dir);
    store.save(run([check('D01', 'pass')], { runId: 'good', startedAt: '2026-01-01T00:00:00.000Z' }));
    store.save(run([check('D01', 'pass')], { runId: 'bad', startedAt: '2026-01-02T00:00:00.000Z' }));
    const db = new DatabaseSync(join(dir, RUNS_FILE));
    db.prepare("UPDATE runs SET data = '{\"runId\": 1', item = '{}' WHERE run_id = 'bad'").run();
    db.close();
    expect(store.list({ limit: 10 }).map((r) => r.runId)).toEqual(['good']);
    expect(() => store.get('bad')).toThrow(/Conformance run bad in .* cannot be read: not JSON/);
    expect(store.get('good').runId).toBe('good');
  });

  it('sets a file that is not a database aside, untouched, and starts a new one', () => {
    const dir = fresh();
    open(dir).close();
    writeFileSync(join(dir, RUNS_FILE), 'this is not SQLite, it is a note someone saved here'.repeat(100));
    for (const suffix of ['-wal', '-shm']) if (existsSync(join(dir, RUNS_FILE + suffix))) writeFileSync(join(dir, RUNS_FILE + suffix), '');
    const notices: string[] = [];
    const store = open(dir, undefined, notices);
    store.save(run([check('D01', 'pass')]));
    expect(store.list({ limit: 10 })).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read .* moved, untouched, to .*runs\.sqlite\.damaged-/);
    const aside = readdirSync(dir).find((f) => f.startsWith(`${RUNS_FILE}.damaged-`) && !f.endsWith('-wal') && !f.endsWith('-shm'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toMatch(/^this is not SQLite/);
  });
});
