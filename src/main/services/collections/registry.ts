import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { fail } from '@shared/api/errors';
import { writeJsonAtomic } from '../storage/atomic-write';

const RegistryFile = z.object({ version: z.literal(1).default(1), folders: z.array(z.string()).default([]) });

export const collectionId = (folder: string) => createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 16);

/** The collection folders outside the data directory that the user opened (one JSON file in the data directory). */
export class FolderRegistry {
  private folders: string[] = [];
  private broken: string | undefined;

  constructor(private readonly file: string) {}

  /** Returns a notice when the file could not be used (it is left as it is). */
  async load(): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return `The list of opened collection folders (${this.file}) cannot be read: ${(error as Error).message}`;
    }
    try {
      this.folders = RegistryFile.parse(JSON.parse(text)).folders;
      return undefined;
    } catch (error) {
      this.broken = this.file;
      return `The list of opened collection folders (${this.file}) is not valid (${(error as Error).message.split('\n')[0]}); those folders are not shown until it is fixed, and it will not be overwritten until then.`;
    }
  }

  list(): string[] {
    return [...this.folders];
  }

  async add(folder: string): Promise<void> {
    const abs = resolve(folder);
    if (this.folders.includes(abs)) return;
    this.folders.push(abs);
    await this.save();
  }

  async remove(folder: string): Promise<void> {
    const abs = resolve(folder);
    this.folders = this.folders.filter((f) => f !== abs);
    await this.save();
  }

  private async save(): Promise<void> {
    if (this.broken) throw fail('conflict', `${this.broken} is not valid JSON for the list of collection folders; fix or remove it first (it is not overwritten, so nothing in it is lost).`);
    await writeJsonAtomic(this.file, { version: 1, folders: this.folders });
  }
}
