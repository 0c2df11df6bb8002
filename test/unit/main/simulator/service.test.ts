import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryViewT, MappingsViewT } from '@shared/api/commands/simulator';
import { defaultMappings, type ObjectLog, type RunProgress, type RunReport } from '@shared/idp';
import { startRig, type Rig } from './rig';

describe('the simulator service', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ lenient: true });
  });
  afterAll(() => rig.close());

  it('keeps mappings and the directory as plain JSON files beside the collections; a broken file is kept aside, never lost', async () => {
    const first = await rig.call<MappingsViewT>('simulator.getMappings', { profile: 'entra' });
    expect(first).toMatchObject({ fromFile: false, problems: [], file: join(rig.core.paths.root, 'simulator', 'mappings', 'entra.json') });
    const edited = { ...first.mappings, user: first.mappings.user.map((r) => (r.target === 'title' ? { ...r, source: 'ToUpper([jobTitle])' } : r)) };
    const saved = await rig.call<MappingsViewT>('simulator.saveMappings', { mappings: edited });
    expect(saved.fromFile).toBe(true);
    expect(JSON.parse(readFileSync(saved.file, 'utf8'))).toEqual(edited);
    expect(readFileSync(saved.file, 'utf8').endsWith('\n')).toBe(true);

    writeFileSync(saved.file, '{ "version": 1, "profile": "entra", "user": [ {"id": "x",, } ] }');
    const broken = await rig.call<MappingsViewT>('simulator.getMappings', { profile: 'entra' });
    expect(broken).toMatchObject({ fromFile: false, fileProblem: { file: saved.file, line: 1, message: expect.stringContaining('is not valid JSON') } });
    expect(broken.mappings).toEqual(defaultMappings('entra'));
    const after = await rig.call<MappingsViewT>('simulator.saveMappings', { mappings: edited });
    expect(after.setAside).toMatch(/entra\.json\.broken-/);
    expect(readFileSync(after.setAside!, 'utf8')).toContain('"id": "x",,');

    // a table written for another profile is not used for this one
    mkdirSync(join(rig.core.paths.root, 'simulator', 'mappings'), { recursive: true });
    writeFileSync(join(rig.core.paths.root, 'simulator', 'mappings', 'okta.json'), JSON.stringify(defaultMappings('entra')));
    expect((await rig.call<MappingsViewT>('simulator.getMappings', { profile: 'okta' })).fileProblem?.message).toContain('was written for the profile "entra"');

    const dir = await rig.call<DirectoryViewT>('simulator.getDirectory', {});
    expect(dir.directory.users).toHaveLength(12);
    expect(dir.problems).toEqual([]);
    const bad = structuredClone(dir.directory);
    bad.users[1]!.attributes.manager = 'nobody';
    bad.users.push({ ...bad.users[0]! });
    const refused = await rig.core.router.dispatch('simulator.saveDirectory', { directory: bad }, { origin: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('is used by another user') } });
    bad.users.pop();
    expect((await rig.call<DirectoryViewT>('simulator.saveDirectory', { directory: bad })).problems).toEqual([`user ${bad.users[1]!.id}: manager "nobody" is not a user of the directory`]);
    await rig.call('simulator.resetDirectory', {});
  });

  it('refuses to run mappings the IdP would not save, naming the error', async () => {
    const { mappings } = await rig.call<MappingsViewT>('simulator.getMappings', { profile: 'entra-flag' });
    mappings.user[1]!.source = 'Switch([IsSoftDeleted], , "False", "True", "True")';
    await rig.call('simulator.saveMappings', { mappings });
    const refused = await rig.core.router.dispatch('simulator.run', { endpointId: 'target', profile: 'entra-flag', mode: 'full' }, { origin: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('attribute mappings have 1 error: Switch takes a source, a default, then key/value pairs') } });
    await rig.call('simulator.resetMappings', { profile: 'entra-flag' });
  });

  it('sends a throttled request again after Retry-After, as Entra does, and counts the retry', async () => {
    let throttled = 0;
    rig.proxy.answer = (req) => (req.method === 'POST' && throttled++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' }) } : undefined);
    const { directory } = await rig.call<DirectoryViewT>('simulator.getDirectory', {});
    const report = await rig.run('entra-flag', 'on-demand', { userId: directory.users[5]!.id });
    rig.proxy.answer = undefined;
    expect(report.stats.retries).toBe(1);
    expect(report.objects[0]).toMatchObject({ action: 'Create', status: 'warn' });
    const log = await rig.call<ObjectLog>('simulator.object', { runId: report.runId, index: 0 });
    const creates = log.steps.filter((s) => s.kind === 'create-user');
    expect(creates.map((s) => [s.attempt, s.response?.status, s.status])).toEqual([
      [0, 429, 'warn'],
      [1, 201, 'pass'],
    ]);
    expect(creates[0]!.verdict?.next).toBe('Entra backs off and sends the request again after 1 s, as Retry-After asks.');
    expect(log.steps.map((s) => s.phase).slice(0, 6)).toEqual(['import', 'scope', 'match', 'action', 'export', 'export']);
  });

  it('reports progress while running and stops on cancel, saying so', async () => {
    const events: RunProgress[] = [];
    const off = rig.core.events.subscribe((e) => {
      if (e.name === 'simulator.progress') events.push(e.payload);
    });
    const pending = rig.call<RunReport>('simulator.run', { runId: 'slow-run', endpointId: 'target', profile: 'okta', mode: 'full', settings: { rate: 20, concurrency: 1 } });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.finished.length > 0)) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(await rig.call('simulator.cancel', { runId: 'slow-run' })).toEqual({ cancelled: true });
    const report = await pending;
    off();
    expect(report.cancelled).toBe(true);
    expect(report.objects.length).toBeLessThan(16);
    expect(events.at(-1)).toMatchObject({ runId: 'slow-run', stage: 'done' });
    expect(events[0]!.total).toBe(16);
  });

  it('every exchange is in history, with the token replaced; the report never holds it', async () => {
    const { directory } = await rig.call<DirectoryViewT>('simulator.getDirectory', {});
    const report = await rig.run('okta', 'on-demand', { userId: directory.users[8]!.id });
    const log = await rig.call<ObjectLog>('simulator.object', { runId: report.runId, index: 0 });
    const exchangeIds = log.steps.flatMap((s) => (s.request?.exchangeId ? [s.request.exchangeId] : []));
    expect(exchangeIds.length).toBeGreaterThan(0);
    rig.core.history.flush();
    const page = await rig.call<{ entries: { id: number; exchangeId: string }[] }>('history.list', { limit: 1000 });
    const recorded = page.entries.filter((e) => exchangeIds.includes(e.exchangeId));
    expect(recorded).toHaveLength(exchangeIds.length);
    const entry = await rig.call<{ exchange: { request: { headers: [string, string][] } } }>('history.get', { id: recorded[0]!.id });
    expect(entry.exchange.request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]).toBe('Bearer [REDACTED]');
    const everything = JSON.stringify([report, log]);
    expect(everything).not.toContain(rig.sandbox.token);
    // Okta's generated password is not kept in the step log
    const create = log.steps.find((s) => s.kind === 'create-user')!;
    expect(create.request?.body).toContain('"password":"[REDACTED]"');
    expect(create.request?.body).not.toMatch(/"password":"[a-z0-9]{8}"/);
    rig.core.history.flush();
    const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
    for (const file of files(rig.core.paths.root)) expect(readFileSync(file).includes(rig.sandbox.token), file).toBe(false);
  });
});
