import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { MappingSet, SourceDirectory, defaultMappings, seedDirectory, type ProfileId } from '@shared/idp';
import type { CollectionProblem } from '@shared/model/collection';
import type { z } from 'zod';
import { formatJson, readJsonFile } from '../collections/json-file';
import { writeFileAtomic } from '../storage/atomic-write';

/** A file as read: its content (the defaults when it is missing or broken) and what was wrong with it. */
export interface Loaded<T> {
  value: T;
  file: string;
  /** true when the file exists and was used */
  fromFile: boolean;
  /** why the file could not be used (it is left as it is; saving sets it aside first) */
  problem?: CollectionProblem;
}

/**
 * The simulator's plain files, beside the collections so the folder can live in git:
 * `mappings/<profile>.json` (one attribute-mapping table per client profile) and `directory.json`
 * (the test users and groups). Written atomically; a file that does not parse is never overwritten
 * without being kept as `<file>.broken-<time>` first.
 */
export class SimulatorFiles {
  constructor(readonly dir: string) {}

  mappingFile(profile: ProfileId): string {
    return join(this.dir, 'mappings', `${profile}.json`);
  }

  get directoryFile(): string {
    return join(this.dir, 'directory.json');
  }

  async mappings(profile: ProfileId): Promise<Loaded<MappingSet>> {
    return this.read(this.mappingFile(profile), MappingSet, () => defaultMappings(profile), (value) => (value.profile === profile ? undefined : `was written for the profile "${value.profile}", not "${profile}"`));
  }

  async directory(): Promise<Loaded<SourceDirectory>> {
    return this.read(this.directoryFile, SourceDirectory, seedDirectory);
  }

  async saveMappings(set: MappingSet): Promise<{ file: string; setAside?: string }> {
    return this.write(this.mappingFile(set.profile), MappingSet, set);
  }

  async saveDirectory(directory: SourceDirectory): Promise<{ file: string; setAside?: string }> {
    return this.write(this.directoryFile, SourceDirectory, directory);
  }

  private async read<S extends z.ZodType>(file: string, schema: S, fallback: () => z.output<S>, check?: (value: z.output<S>) => string | undefined): Promise<Loaded<z.output<S>>> {
    const result = await readJsonFile(file, schema);
    if (result.ok) {
      const problem = check?.(result.value);
      if (!problem) return { value: result.value, file, fromFile: true };
      return { value: fallback(), file, fromFile: false, problem: { file, message: problem } };
    }
    if (result.missing) return { value: fallback(), file, fromFile: false };
    return { value: fallback(), file, fromFile: false, problem: result.problem };
  }

  private async write(file: string, schema: z.ZodType, value: unknown): Promise<{ file: string; setAside?: string }> {
    const current = await readJsonFile(file, schema);
    let setAside: string | undefined;
    if (!current.ok && !current.missing) {
      setAside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(file, setAside);
    }
    // shared through git: readable by others, and never holding a secret
    await writeFileAtomic(file, formatJson(value), 0o644);
    return { file, ...(setAside ? { setAside } : {}) };
  }
}
