import { randomUUID } from 'node:crypto';
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'SCIM Inspector';

/** Without the pin, Linux silently falls back to the kernel keyring, which does not survive a reboot. */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export interface KeyringStoreOptions {
  service?: string;
  /** a keychain that does not answer within this is reported as unusable (it may be waiting for an unlock prompt) */
  timeoutMs?: number;
}

export class KeychainTimeout extends Error {
  constructor(ms: number) {
    super(`The keychain did not answer within ${ms / 1000} s`);
    this.name = 'KeychainTimeout';
  }
}

/** The OS keychain through @napi-rs/keyring: one entry per secret, under the service "SCIM Inspector". */
export class KeyringStore implements SecretStore {
  readonly kind = 'keychain';
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(options: KeyringStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async get(name: string): Promise<string | undefined> {
    const value = await this.run(name, (entry, signal) => entry.getPassword(signal));
    return value ?? undefined;
  }

  async set(name: string, value: string): Promise<void> {
    await this.run(name, (entry, signal) => entry.setPassword(value, signal));
  }

  async delete(name: string): Promise<boolean> {
    return this.run(name, (entry, signal) => entry.deleteCredential(signal));
  }

  async probe(): Promise<void> {
    const name = `probe/${randomUUID()}`;
    await this.set(name, 'probe');
    const back = await this.get(name);
    await this.delete(name);
    if (back !== 'probe') throw new Error('The keychain accepted an entry but did not return it');
  }

  /** Entry construction itself talks to D-Bus on Linux and throws when there is no session bus. */
  private async run<T>(name: string, action: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new KeychainTimeout(this.timeoutMs));
      }, this.timeoutMs);
    });
    try {
      const entry = new AsyncEntry(this.service, name, ENTRY_OPTIONS);
      return await Promise.race([action(entry, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
