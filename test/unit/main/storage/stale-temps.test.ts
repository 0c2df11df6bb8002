import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose } from '../../../../src/main/compose';
import { tempPathFor } from '../../../../src/main/services/storage/atomic-write';
import { PROCESS_STARTED_AT, removeStaleTemps } from '../../../../src/main/services/storage/stale-temps';
import { tempDir } from '../../../support/temp-dir';

/** A file as a write interrupted by `kill -9` leaves it: the app's temp name, last touched before this process started. */
function leftover(path: string, content = '{"half": '): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  const old = new Date(PROCESS_STARTED_AT - 60 * 60 * 1000);
  utimesSync(path, old, old);
  return path;
}

describe('temporary files left by a killed process', () => {
  let data: ReturnType<typeof tempDir>;
  let outside: ReturnType<typeof tempDir>;
  beforeEach(() => {
    data = tempDir('stale-data-');
    outside = tempDir('stale-external-');
  });
  afterEach(() => {
    data.cleanup();
    outside.cleanup();
  });

  it('are removed at start from the data folder, history bodies and every collection folder, and nothing else is', async () => {
    const root = data.path;
    const external = join(outside.path, 'okta-tests');
    mkdirSync(external, { recursive: true });
    writeFileSync(join(external, 'collection.json'), JSON.stringify({ version: 1, name: 'Okta tests' }));
    writeFileSync(join(root, 'collection-folders.json'), JSON.stringify({ version: 1, folders: [external] }));
    const stale = [
      leftover(tempPathFor(join(root, 'settings.json'))),
      leftover(tempPathFor(join(root, 'endpoints.json'))),
      leftover(tempPathFor(join(root, 'bodies', 'ex-1.body'))),
      leftover(join(root, 'history', 'bodies', '.ex-7-0a1b2c3d.res.txt.tmp')),
      leftover(tempPathFor(join(root, 'collections', 'users', 'users', 'create-user.request.json'))),
      leftover(tempPathFor(join(external, 'groups', 'deep', 'list.request.json'))),
      leftover(tempPathFor(join(external, 'collection.json'))),
    ];
    // an import staging folder of a killed import
    const staging = tempPathFor(join(root, 'collections', 'import'));
    leftover(join(staging, 'a.request.json'));
    const old = new Date(PROCESS_STARTED_AT - 60 * 60 * 1000);
    utimesSync(staging, old, old);
    const kept = [
      // written since this process started: a write that may still be running
      tempPathFor(join(root, 'workspace.json')),
      tempPathFor(join(external, 'fresh.request.json')),
    ];
    for (const file of kept) writeFileSync(file, 'in progress');
    const notOurs = [
      leftover(join(root, '.notes.tmp')),
      leftover(join(root, 'settings.json.tmp')),
      leftover(join(external, '.draft.request.json.tmp')),
      leftover(join(external, 'backup.0123456789ab.tmp')),
      leftover(join(root, 'collections', 'users', '.git', `.${basename('index')}.0123456789ab.tmp`)),
    ];

    const core = await compose({ host: 'web', dataDir: root, sandbox: false });
    try {
      for (const file of [...stale, staging]) expect(existsSync(file), file).toBe(false);
      for (const file of [...kept, ...notOurs]) expect(existsSync(file), file).toBe(true);
      expect((await core.router.dispatch('collections.list', {}, { origin: 'test' })).ok).toBe(true);
    } finally {
      await core.dispose();
    }
  });

  it('are only those last modified before the cut-off', async () => {
    const file = leftover(tempPathFor(join(data.path, 'x.json')));
    expect(await removeStaleTemps(data.path, { before: PROCESS_STARTED_AT - 2 * 60 * 60 * 1000 })).toEqual([]);
    expect(existsSync(file)).toBe(true);
    expect(await removeStaleTemps(data.path)).toEqual([file]);
  });
});
