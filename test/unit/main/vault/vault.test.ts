import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsyncEntry } from '@napi-rs/keyring';
import type { VaultStatus } from '@shared/api/commands/vault';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';
import { diagnoseKeychain } from '../../../../src/main/services/vault/diagnose';
import { KEYCHAIN_SERVICE, KeyringStore } from '../../../../src/main/services/vault/keyring-store';
import { Vault } from '../../../../src/main/services/vault/vault';
import { lastJson, runTs, startTs } from '../../../support/run-ts';
import { startBus, type Bus } from './support/buses';

const CHILD = join(import.meta.dirname, 'support', 'vault-status.child.ts');
const RECHECK_CHILD = join(import.meta.dirname, 'support', 'vault-recheck.child.ts');

interface ChildReport {
  status: VaultStatus;
  setError: { kind: string; platform: string; hint: string };
  isSetBefore: boolean;
  session: VaultStatus;
  readBack: string;
  lastEvent: VaultStatus;
  statusAfter: VaultStatus;
}

function newVault(onStatus?: (s: unknown) => void) {
  const scrubber = new SecretScrubber();
  const log = createMemoryLogger(scrubber);
  return { vault: new Vault({ keychain: new KeyringStore({ timeoutMs: 5000 }), scrubber, log, onStatus }), scrubber, log };
}

describe('keychain vault (private gnome-keyring)', () => {
  it('keeps a secret in the OS keychain under "SCIM Inspector", one entry per secret', async () => {
    const { vault, scrubber } = newVault();
    expect(await vault.status()).toMatchObject({ backend: 'keychain', ok: true });
    const name = `test-${randomUUID()}/token`;
    await vault.set(name, 'vault-secret-value-1');
    expect(scrubber.scrub('x vault-secret-value-1 y')).toBe('x [REDACTED] y');
    // read back by a separate entry object: it is really in the Secret Service
    expect(await new AsyncEntry(KEYCHAIN_SERVICE, name, { linux: { store: 'secret-service' } }).getPassword()).toBe('vault-secret-value-1');

    const fresh = newVault();
    expect(await fresh.vault.get(name)).toBe('vault-secret-value-1');
    expect(fresh.scrubber.size).toBe(1);
    expect(await fresh.vault.isSet(name)).toBe(true);

    expect(await vault.delete(name)).toBe(true);
    expect(await new AsyncEntry(KEYCHAIN_SERVICE, name, { linux: { store: 'secret-service' } }).getPassword()).toBeNull();
    expect(await newVault().vault.isSet(name)).toBe(false);
  });

  it('logs no secret value', async () => {
    const { vault, log } = newVault();
    const name = `test-${randomUUID()}/password`;
    await vault.set(name, 'log-canary-55aa');
    await vault.get(name);
    await vault.delete(name);
    expect(log.lines.join('\n')).not.toContain('log-canary-55aa');
  });
});

describe('when the keychain cannot be used', () => {
  let noSecrets: Bus;
  let locked: Bus;

  beforeAll(async () => {
    noSecrets = await startBus();
    locked = await startBus({ withLockedKeyring: true });
  });

  afterAll(async () => {
    await noSecrets.stop();
    await locked.stop();
  });

  const cases: { name: string; address: () => string | undefined; problem: RegExp; fix: RegExp }[] = [
    { name: 'no D-Bus session', address: () => undefined, problem: /no D-Bus session.*DBUS_SESSION_BUS_ADDRESS is not set/, fix: /dbus-run-session/ },
    { name: 'a D-Bus address that is gone', address: () => 'unix:path=/tmp/scim-inspector-no-such-bus', problem: /does not answer/, fix: /current session bus/ },
    { name: 'no Secret Service on the bus', address: () => noSecrets.address, problem: /No Secret Service is running/, fix: /apt install gnome-keyring/ },
    { name: 'a locked keyring', address: () => locked.address, problem: /locked, or there is no default keyring/, fix: /Unlock your login keyring/ },
  ];

  for (const c of cases) {
    it(`says why and how to fix it, stores nothing elsewhere, and offers session-only: ${c.name}`, async () => {
      const env = { ...process.env };
      const address = c.address();
      if (address === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
      else env.DBUS_SESSION_BUS_ADDRESS = address;
      const result = lastJson<ChildReport>(await runTs(CHILD, [], env));
      expect(result.status).toMatchObject({ backend: 'keychain', ok: false, platform: 'linux' });
      expect(result.status.problem).toMatch(c.problem);
      expect(result.status.fix).toMatch(c.fix);
      // nothing is kept anywhere else behind the user's back
      expect(result.setError).toMatchObject({ kind: 'keychain-unavailable', platform: 'linux' });
      expect(result.setError.hint).toMatch(/session only/);
      expect(result.isSetBefore).toBe(false);
      // the explicit choice: memory for this session, with the warning kept on
      expect(result.session).toMatchObject({ backend: 'session', ok: true });
      expect(result.session.problem).toMatch(/this session only/);
      expect(result.lastEvent).toMatchObject({ backend: 'session' });
      expect(result.readBack).toBe('session-value');
      expect(result.statusAfter.backend).toBe('session');
    });
  }

  it('finds the keychain again on "Check again" once the user started one', async () => {
    const bus = await startBus();
    try {
      const child = startTs(RECHECK_CHILD, { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address });
      expect(JSON.parse(await child.nextLine())).toMatchObject({ ok: false, problem: expect.stringMatching(/No Secret Service/) });
      await bus.startKeyring();
      child.send('recheck');
      const after = JSON.parse(await child.nextLine());
      expect(after.status).toMatchObject({ backend: 'keychain', ok: true });
      expect(after.usable).toBe(true);
      expect(after.events.at(-1)).toMatchObject({ ok: true });
      await child.done;
    } finally {
      await bus.stop();
    }
  });
});

describe('diagnosis on other platforms', () => {
  it('speaks of the macOS Keychain and Windows Credential Manager', () => {
    expect(diagnoseKeychain(new Error('User interaction is not allowed.'), 'darwin', {}).fix).toMatch(/Keychain Access/);
    expect(diagnoseKeychain(new Error('Platform failure'), 'win32', {}).fix).toMatch(/Credential Manager/);
  });
});
