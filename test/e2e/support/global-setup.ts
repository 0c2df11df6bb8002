import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startPrivateKeyring } from '../../support/private-keyring';

/**
 * Builds the app if the sources changed (as `npm run web` does) and gives every web host the
 * tests start a private, unlocked keyring.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = join(import.meta.dirname, '..', '..', '..');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the app did not build');
  const keyring = await startPrivateKeyring();
  Object.assign(process.env, keyring.env);
  return () => keyring.stop();
}
