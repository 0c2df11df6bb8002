import { fail } from '@shared/api/errors';
import type { VaultStatus } from '@shared/api/commands/vault';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { weakSecretWarning } from '@shared/redact/weak-secrets';
import type { Logger } from '../log/logger';
import { diagnoseKeychain, type KeychainDiagnosis } from './diagnose';
import { SessionStore, type SecretStore } from './secret-store';

export interface VaultOptions {
  keychain: SecretStore;
  scrubber: SecretScrubber;
  log: Logger;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** told whenever the status changes (the UI's keychain line follows it) */
  onStatus?: (status: VaultStatus) => void;
}

/**
 * The one way main reads and writes secret values. Backed by the OS keychain; when that cannot be
 * used, every secret operation fails with the diagnosis until the user explicitly chooses to keep
 * secrets for this session only. Never a file. Every value read or written is taught to the scrubber, and
 * forgotten by it once the entry is deleted or replaced.
 */
export class Vault {
  private store: SecretStore;
  private problem: KeychainDiagnosis | undefined;
  private probed = false;
  /** values already read (undefined: known to be absent), so a send does not go to D-Bus each time */
  private readonly cache = new Map<string, string | undefined>();
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: VaultOptions) {
    this.store = options.keychain;
    this.platform = options.platform ?? process.platform;
    this.env = options.env ?? process.env;
  }

  get backend(): 'keychain' | 'session' {
    return this.store.kind;
  }

  /** secrets go to the OS keychain and it answered the last time it was asked */
  get keychainUsable(): boolean {
    return this.store.kind === 'keychain' && !this.problem;
  }

  async status(recheck = false): Promise<VaultStatus> {
    if (this.store.kind === 'keychain' && (recheck || !this.probed)) await this.probe();
    return this.describe();
  }

  /** The user's explicit choice: secrets in memory for this run, with a warning that stays on. */
  useSessionOnly(): VaultStatus {
    if (this.store.kind !== 'session') {
      this.store = new SessionStore();
      this.cache.clear();
      this.options.log.warn('secrets are kept for this session only, at the user\'s choice');
      this.changed();
    }
    return this.describe();
  }

  async get(name: string): Promise<string | undefined> {
    if (this.cache.has(name)) return this.cache.get(name);
    const value = await this.call(() => this.store.get(name));
    this.remember(name, value);
    return value;
  }

  /** Why the secret `name` is weak (too short, a common word), if it is set and is. */
  async warning(name: string): Promise<string | undefined> {
    const value = await this.get(name).catch(() => undefined);
    return value === undefined ? undefined : weakSecretWarning(value);
  }

  /** Whether a secret is set; false when the keychain cannot be asked (the status line says why). */
  async isSet(name: string): Promise<boolean> {
    try {
      return (await this.get(name)) !== undefined;
    } catch {
      return false;
    }
  }

  /** Stores a secret; the answer says why it is weak, if it is (shown where it was typed). */
  async set(name: string, value: string): Promise<{ warning?: string }> {
    // known before it is written: a failed write must not leave it unscrubbed anywhere
    this.options.scrubber.hold(`${name}\u0000pending`, { secrets: [value] });
    try {
      await this.call(() => this.store.set(name, value));
      this.remember(name, value);
    } finally {
      this.options.scrubber.release(`${name}\u0000pending`);
    }
    const warning = weakSecretWarning(value);
    return warning ? { warning } : {};
  }

  async delete(name: string): Promise<boolean> {
    const removed = await this.call(() => this.store.delete(name));
    this.remember(name, undefined);
    return removed;
  }

  /**
   * The value of `name` as the store has it now, and taught to the scrubber under that name: a value
   * replaced or deleted is forgotten by the scrubber unless another entry still holds it.
   */
  private remember(name: string, value: string | undefined): void {
    this.cache.set(name, value);
    if (value === undefined) this.options.scrubber.release(name);
    else this.options.scrubber.hold(name, { secrets: [value] });
  }

  private async probe(): Promise<void> {
    const before = this.problem?.problem;
    try {
      await this.store.probe();
      this.problem = undefined;
    } catch (error) {
      this.problem = diagnoseKeychain(error, this.platform, this.env);
      this.options.log.warn('keychain unavailable', { problem: this.problem.problem });
    }
    const first = !this.probed;
    this.probed = true;
    if (!first && before !== this.problem?.problem) this.changed();
  }

  private async call<T>(action: () => Promise<T>): Promise<T> {
    if (this.store.kind === 'keychain' && this.problem) await this.probe();
    if (this.problem && this.store.kind === 'keychain') throw this.unavailable(this.problem);
    try {
      return await action();
    } catch (error) {
      if (this.store.kind !== 'keychain') throw error;
      const diagnosis = diagnoseKeychain(error, this.platform, this.env);
      this.problem = diagnosis;
      this.probed = true;
      this.options.log.warn('keychain call failed', { problem: diagnosis.problem });
      this.changed();
      throw this.unavailable(diagnosis);
    }
  }

  private unavailable(diagnosis: KeychainDiagnosis) {
    return fail('keychain-unavailable', `Secrets cannot be kept in the keychain: ${diagnosis.problem}`, {
      platform: this.platform,
      hint: `${diagnosis.fix} Or choose "Keep secrets for this session only".`,
    });
  }

  private describe(): VaultStatus {
    if (this.store.kind === 'session') {
      return {
        backend: 'session',
        ok: true,
        problem: 'Secrets are kept in memory for this session only: they are gone when the app stops, and must be entered again.',
        fix: this.problem?.fix,
        platform: this.platform,
      };
    }
    return { backend: 'keychain', ok: !this.problem, problem: this.problem?.problem, fix: this.problem?.fix, platform: this.platform };
  }

  private changed(): void {
    this.options.onStatus?.(this.describe());
  }
}
