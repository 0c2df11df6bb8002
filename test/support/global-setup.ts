import type { TestProject } from 'vitest/node';
import { startPrivateKeyring, type PrivateKeyring } from './private-keyring';

let keyring: PrivateKeyring | undefined;

/** Unit tests get a private, unlocked Secret Service (never the developer's own keychain). */
export async function setup(_project: TestProject): Promise<void> {
  keyring = await startPrivateKeyring();
  Object.assign(process.env, keyring.env);
  process.env.SCIM_INSPECTOR_TEST_KEYRING = '1';
}

export async function teardown(): Promise<void> {
  await keyring?.stop();
}
