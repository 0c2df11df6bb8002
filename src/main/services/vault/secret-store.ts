/** Where secret values live: the OS keychain, or memory for this session when the user chose so. */
export interface SecretStore {
  readonly kind: 'keychain' | 'session';
  /** undefined when there is no such entry */
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  /** true when an entry was removed */
  delete(name: string): Promise<boolean>;
  /** proves the store can be written and read right now; throws why not */
  probe(): Promise<void>;
}

/** Keeps secrets in memory only: gone when the process ends. Used only after the user chose it. */
export class SessionStore implements SecretStore {
  readonly kind = 'session';
  private readonly values = new Map<string, string>();

  async get(name: string): Promise<string | undefined> {
    return this.values.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }

  async delete(name: string): Promise<boolean> {
    return this.values.delete(name);
  }

  async probe(): Promise<void> {}
}
