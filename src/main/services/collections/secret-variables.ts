import type { Collection, SavedRequest } from '@shared/model/collection';
import type { CollectionSecrets } from './collection-secrets';
import { CredentialMover } from './credential-variables';

/** A mover for requests going into `collection`: its variable names taken, its secrets known; `redact` when the keychain cannot be used. */
export async function moverFor(collection: Pick<Collection, 'id' | 'variables' | 'secrets'> | undefined, secrets: CollectionSecrets, extraTaken: Iterable<string> = []): Promise<CredentialMover> {
  const usable = await secrets.usable();
  const existing = collection && usable ? await secrets.values(collection) : {};
  const taken = new Set([...Object.keys(collection?.variables ?? {}), ...(collection?.secrets ?? []), ...extraTaken]);
  return new CredentialMover(taken, usable ? 'move' : 'redact', existing);
}

/**
 * Puts what a mover took out into the keychain under the collection, and adds the names to its
 * `secrets`; says what it did, or why a value could not be kept (the request then names a
 * variable without a value, and a send says so).
 */
export async function storeMoved(
  collection: Pick<Collection, 'id' | 'secrets'>,
  mover: CredentialMover,
  secrets: CollectionSecrets,
  saveNames: (names: string[]) => Promise<unknown>,
): Promise<string[]> {
  const warnings = [...mover.warnings];
  const stored: string[] = [];
  for (const [name, value] of mover.secrets) {
    try {
      await secrets.set(collection.id, name, value);
      stored.push(name);
    } catch (error) {
      warnings.push(`{{${name}}} could not be put in the OS keychain (${error instanceof Error ? error.message : String(error)}); set its value in the collection's variables.`);
    }
  }
  const names = [...new Set([...collection.secrets, ...mover.secrets.keys()])];
  if (names.length !== collection.secrets.length) await saveNames(names);
  return [...mover.summary(), ...warnings];
}

/** A request typed with a credential in it, saved: the credential moved into a secret variable of the collection. */
export async function moveTypedCredentials(
  collection: Collection,
  request: SavedRequest,
  secrets: CollectionSecrets,
  saveNames: (names: string[]) => Promise<unknown>,
): Promise<{ request: SavedRequest; warnings: string[] }> {
  const mover = await moverFor(collection, secrets);
  const moved = mover.request(request, `"${request.name}"`);
  if (mover.moved.length === 0) return { request, warnings: [] };
  return { request: moved, warnings: await storeMoved(collection, mover, secrets, saveNames) };
}
