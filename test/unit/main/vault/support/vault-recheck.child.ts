// Child process: the keychain fails, the user fixes it (the parent starts a keyring), then "Check again".
import { createInterface } from 'node:readline';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { createMemoryLogger } from '../../../../../src/main/services/log/logger';
import { KeyringStore } from '../../../../../src/main/services/vault/keyring-store';
import { Vault } from '../../../../../src/main/services/vault/vault';

const events: unknown[] = [];
const vault = new Vault({ keychain: new KeyringStore({ timeoutMs: 5000 }), scrubber: new SecretScrubber(), log: createMemoryLogger(), onStatus: (s) => events.push(s) });
console.log(JSON.stringify(await vault.status()));
const input = createInterface({ input: process.stdin });
for await (const _line of input) {
  const status = await vault.status(true);
  console.log(JSON.stringify({ status, usable: vault.keychainUsable, events }));
  break;
}
input.close();
