import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestDraft, Workspace, type WorkspaceInput } from '@shared/model/workspace';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { compose } from '../../../../src/main/compose';
import type { Logger } from '../../../../src/main/services/log/logger';
import { WorkspaceStore } from '../../../../src/main/services/workspace/workspace-store';
import { tempDir } from '../../../support/temp-dir';

const warnings: string[] = [];
const log: Logger = {
  debug() {},
  info() {},
  warn: (message) => void warnings.push(message),
  error: (message) => void warnings.push(message),
  close: async () => {},
};

const CANARY = 'canary-secret-7f3a9c1e';

function workspace(input: WorkspaceInput): Workspace {
  return Workspace.parse(input);
}

function tab(id: string, draft: Partial<RequestDraft> = {}) {
  return { id, draft: RequestDraft.parse({ path: `/Users/${id}`, ...draft }) };
}

describe('the workspace store', () => {
  const dirs: { cleanup(): void }[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) d.cleanup();
    warnings.length = 0;
  });

  it('starts empty when there is no file, and keeps nothing on disk until something is saved', async () => {
    const path = join(dir(), 'workspace.json');
    const store = new WorkspaceStore({ path, log, scrub: (t) => t });
    expect(await store.load()).toBeUndefined();
    expect(store.get().workspace.tabs).toEqual([]);
    expect(store.get().firstRun).toBe(true);
    expect(store.get().workspace.layout.activity).toBe('workbench');
    await store.flush();
    expect(existsSync(path)).toBe(false);
  });

  it('coalesces quick saves into one write of the last one, atomically and private to the user', async () => {
    const root = dir();
    const path = join(root, 'workspace.json');
    const store = new WorkspaceStore({ path, log, scrub: (t) => t, debounceMs: 10_000, maxWaitMs: 10_000 });
    await store.load();
    for (let i = 1; i <= 5; i++) store.save(workspace({ tabs: [tab(`t${i}`)], activeTabId: `t${i}` }));
    // nothing written yet: the debounce is still waiting for more
    expect(existsSync(path)).toBe(false);
    expect(store.get().workspace.activeTabId).toBe('t5');
    await store.flush();
    const written = Workspace.parse(JSON.parse(readFileSync(path, 'utf8')));
    expect(written.tabs.map((t) => t.id)).toEqual(['t5']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(root)).toEqual(['workspace.json']);
  });

  it('writes on its own after the quiet period', async () => {
    const path = join(dir(), 'workspace.json');
    const store = new WorkspaceStore({ path, log, scrub: (t) => t, debounceMs: 5 });
    store.save(workspace({ tabs: [tab('a')] }));
    await expect.poll(() => existsSync(path)).toBe(true);
  });

  it('never writes a secret: credential headers lose their value and known secrets are scrubbed', async () => {
    const path = join(dir(), 'workspace.json');
    const scrubber = new SecretScrubber();
    scrubber.add(CANARY);
    const store = new WorkspaceStore({ path, log, scrub: (t) => scrubber.scrub(t) });
    const headers = [
      { name: 'Authorization', value: `Bearer ${CANARY}`, enabled: true },
      { name: 'X-Api-Key', value: 'typed-by-hand-key', enabled: true },
      { name: 'X-Trace', value: 'keep-me', enabled: true },
    ];
    store.save(
      workspace({
        tabs: [{ ...tab('a', { headers, body: `{"note":"${CANARY}"}`, path: `/Users?token=${encodeURIComponent(CANARY)}` }), baseline: RequestDraft.parse({ headers }) }],
      }),
    );
    await store.flush();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('typed-by-hand-key');
    expect(text).toContain('keep-me');
    const saved = Workspace.parse(JSON.parse(text)).tabs[0]!;
    expect(saved.draft.headers.map((h) => [h.name, h.value])).toEqual([
      ['Authorization', ''],
      ['X-Api-Key', ''],
      ['X-Trace', 'keep-me'],
    ]);
    expect(saved.baseline?.headers[0]?.value).toBe('');
    // what the renderer reads back is what is on disk
    expect(JSON.stringify(store.get())).not.toContain(CANARY);
  });

  it('sets a file that is not JSON aside with a notice and starts empty', async () => {
    const root = dir();
    const path = join(root, 'workspace.json');
    writeFileSync(path, '{"version":1,"tabs":[');
    const store = new WorkspaceStore({ path, log, scrub: (t) => t });
    const notice = await store.load();
    expect(notice).toMatch(/damaged \(not valid JSON/);
    expect(store.get().notice).toBe(notice);
    expect(store.get().workspace.tabs).toEqual([]);
    const aside = readdirSync(root).find((f) => f.startsWith('workspace.json.broken-'));
    expect(aside).toBeDefined();
    expect(notice).toContain(aside);
    expect(readFileSync(join(root, aside!), 'utf8')).toBe('{"version":1,"tabs":[');
    expect(existsSync(path)).toBe(false);
    expect(warnings).toContain('workspace file set aside');
  });

  it('keeps the tabs that still parse when one is damaged, and says which was dropped', async () => {
    const root = dir();
    const path = join(root, 'workspace.json');
    const good = tab('good', { method: 'POST' });
    writeFileSync(path, JSON.stringify({ version: 1, tabs: [good, { id: 'bad', draft: { method: 'FETCH' } }, tab('also-good')], activeTabId: 'bad', layout: { sidebarWidth: 'wide' }, endpointId: 'ep-1' }));
    const store = new WorkspaceStore({ path, log, scrub: (t) => t });
    const notice = await store.load();
    expect(notice).toMatch(/tab 2 dropped \(draft\.method/);
    expect(notice).toMatch(/the layout was reset/);
    expect(notice).toMatch(/2 tabs could be restored/);
    const { workspace: restored } = store.get();
    expect(restored.tabs.map((t) => t.id)).toEqual(['good', 'also-good']);
    expect(restored.tabs[0]!.draft.method).toBe('POST');
    expect(restored.activeTabId).toBe('good');
    expect(restored.layout.sidebarWidth).toBe(280);
    expect(restored.endpointId).toBe('ep-1');
    expect(readdirSync(root).some((f) => f.startsWith('workspace.json.broken-'))).toBe(true);
  });

  it('refuses a file from an unknown version rather than misreading it', async () => {
    const root = dir();
    const path = join(root, 'workspace.json');
    writeFileSync(path, JSON.stringify({ version: 9, tabs: [tab('x')] }));
    const store = new WorkspaceStore({ path, log, scrub: (t) => t });
    expect(await store.load()).toMatch(/version 9 is not one this app knows/);
    expect(store.get().workspace.tabs).toEqual([]);
  });

  it('reports a write that fails instead of throwing from a timer', async () => {
    const root = dir();
    writeFileSync(join(root, 'not-a-folder'), 'x');
    const errors: string[] = [];
    const store = new WorkspaceStore({ path: join(root, 'not-a-folder', 'workspace.json'), log, scrub: (t) => t, onWriteError: (m) => errors.push(m) });
    store.save(workspace({ tabs: [tab('a')] }));
    await store.flush();
    expect(errors[0]).toMatch(/could not be saved .*not-a-folder/);
    // the workspace is still held for this session
    expect(store.get().workspace.tabs).toHaveLength(1);
  });
});

describe('workspace.get / workspace.save through the router', () => {
  it('survive a restart of the app core on the same data directory', async () => {
    const d = tempDir();
    try {
      const first = await compose({ host: 'web', dataDir: d.path, sandbox: false } as Parameters<typeof compose>[0]);
      const saved = workspace({ tabs: [tab('one', { operation: 'get', resourceId: '42' }), tab('two')], activeTabId: 'two', layout: { split: 'horizontal', composerShare: 0.4 }, endpointId: 'ep-picked' });
      const answer = await first.router.dispatch('workspace.save', { workspace: saved }, { origin: 'test' });
      expect(answer.ok).toBe(true);
      await first.dispose();

      const second = await compose({ host: 'web', dataDir: d.path, sandbox: false } as Parameters<typeof compose>[0]);
      const loaded = await second.router.dispatch('workspace.get', {}, { origin: 'test' });
      expect(loaded.ok && (loaded.value as { workspace: Workspace }).workspace).toEqual(saved);
      expect(loaded.ok && (loaded.value as { firstRun: boolean }).firstRun).toBe(false);
      await second.dispose();
    } finally {
      d.cleanup();
    }
  });

  it('rejects a malformed workspace with the path of the problem', async () => {
    const d = tempDir();
    try {
      const core = await compose({ host: 'web', dataDir: d.path, sandbox: false } as Parameters<typeof compose>[0]);
      const answer = await core.router.dispatch('workspace.save', { workspace: { tabs: [{ id: '', draft: {} }] } }, { origin: 'test' });
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.kind).toBe('validation');
      expect(!answer.ok && answer.error.message).toContain('workspace.tabs[0].id');
      await core.dispose();
    } finally {
      d.cleanup();
    }
  });

  it('puts the notice about a damaged file among the start notices', async () => {
    const d = tempDir();
    try {
      writeFileSync(join(d.path, 'workspace.json'), 'garbage');
      const core = await compose({ host: 'web', dataDir: d.path, sandbox: false } as Parameters<typeof compose>[0]);
      expect(core.info().notices.join('\n')).toMatch(/saved workspace .* was damaged/);
      await core.dispose();
    } finally {
      d.cleanup();
    }
  });
});

describe('a secret spelled like a key of the workspace file', () => {
  it('replaces string values only: the saved workspace keeps its shape (issue 12, item 2)', async () => {
    const root = tempDir();
    const path = join(root.path, 'workspace.json');
    const scrubber = new SecretScrubber();
    scrubber.add('headers');
    const store = new WorkspaceStore({ path, log, scrub: (t) => scrubber.scrub(t) });
    store.save(workspace({ tabs: [tab('a', { body: 'send the headers please', headers: [{ name: 'X-Trace', value: '1', enabled: true }] })] }));
    await store.flush();
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toContain('"[REDACTED]":');
    const written = Workspace.parse(JSON.parse(raw));
    expect(written.tabs[0]!.draft.headers).toEqual([{ name: 'X-Trace', value: '1', enabled: true }]);
    expect(written.tabs[0]!.draft.body).toBe('send the [REDACTED] please');
    root.cleanup();
  });
});
