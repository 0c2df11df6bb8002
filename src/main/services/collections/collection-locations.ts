import { readdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fail } from '@shared/api/errors';
import { collectionId, type FolderRegistry } from './registry';

/** A collection's folder: inside the app's collections folder, or one opened from elsewhere. */
export interface Known {
  id: string;
  folder: string;
  external: boolean;
}

/** Where the collections are: the folders inside `dir`, and the ones the registry remembers. */
export class CollectionLocations {
  constructor(
    private readonly dir: string,
    private readonly registry: FolderRegistry,
  ) {}

  isInternal(folder: string): boolean {
    return resolve(folder).startsWith(resolve(this.dir) + sep);
  }

  async all(): Promise<Known[]> {
    const internal = (await readdir(this.dir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => join(this.dir, e.name));
    return [
      ...internal.map((folder) => ({ id: collectionId(folder), folder, external: false })),
      ...this.registry.list().map((folder) => ({ id: collectionId(folder), folder, external: true })),
    ];
  }

  async find(id: string): Promise<Known> {
    const known = (await this.all()).find((k) => k.id === id);
    if (!known) throw fail('not-found', `No collection with id "${id}"`, { what: 'collection' });
    return known;
  }
}
