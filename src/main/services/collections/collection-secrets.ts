import type { Collection } from '@shared/model/collection';
import type { Vault } from '../vault/vault';

/** The keychain entry of a collection's secret variable. */
export const collectionSecretRef = (collectionId: string, name: string) => `collection/${collectionId}/${name}`;

/**
 * The values of a collection's secret variables, in the OS keychain through the vault (never in a
 * file); the collection's `secrets` lists their names. Every value read or written is known to the
 * scrubber, so it is replaced wherever it would be shown, logged or exported.
 */
export class CollectionSecrets {
  constructor(private readonly vault: Pick<Vault, 'get' | 'set' | 'delete' | 'status'>) {}

  /** Whether values can be kept now (the keychain answers, or the user chose this session only). */
  async usable(): Promise<boolean> {
    return (await this.vault.status().catch(() => undefined))?.ok === true;
  }

  async set(collectionId: string, name: string, value: string): Promise<void> {
    await this.vault.set(collectionSecretRef(collectionId, name), value);
  }

  async delete(collectionId: string, name: string): Promise<void> {
    await this.vault.delete(collectionSecretRef(collectionId, name));
  }

  /** The values of the collection's secret variables that are set; a missing one is left out (the send then names it as unresolved). */
  async values(collection: Pick<Collection, 'id' | 'secrets'>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of collection.secrets) {
      const value = await this.vault.get(collectionSecretRef(collection.id, name)).catch(() => undefined);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  /** Which of the collection's secret variables have a value in the keychain. */
  async which(collection: Pick<Collection, 'id' | 'secrets'>): Promise<Set<string>> {
    return new Set(Object.keys(await this.values(collection)));
  }
}
