// Child process: what the vault does in this process's environment (DBUS_SESSION_BUS_ADDRESS).
// The keyring library keeps its D-Bus connection per process, so each situation needs its own.
import { AppFailure } from '@shared/api/errors';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { createMemoryLogger } from '../../../../../src/main/services/log/logger';
import { KeyringStore } from '../../../../../src/main/services/vault/keyring-store';
import { Vault } from '../../../../../src/main/services/vault/vault';

const statuses: unknown[] = [];
const vault = new Vault({ keychain: new KeyringStore({ timeoutMs: 5000 }), scrubber: new SecretScrubber(), log: createMemoryLogger(), onStatus: (s) => statuses.push(s) });
const status = await vault.status();
let setError: unknown;
try {
  await vault.set('child/token', 'never-stored');
} catch (error) {
  setError = error instanceof AppFailure ? error.error : String(error);
}
const isSetBefore = await vault.isSet('child/token');
const session = vault.useSessionOnly();
await vault.set('child/token', 'session-value');
const readBack = await vault.get('child/token');
console.log(JSON.stringify({ status, setError, isSetBefore, session, readBack, lastEvent: statuses.at(-1), statusAfter: await vault.status() }));
