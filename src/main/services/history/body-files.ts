import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Bodies too large for a row: one file each, next to the database, written whole or not at all. */
export class BodyFiles {
  constructor(readonly dir: string) {}

  /** Writes `text` under a name derived from the entry and side; returns the file name. */
  write(uid: string, side: 'req' | 'res', text: string): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const safe = uid.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'entry';
    const name = `${safe}-${randomBytes(4).toString('hex')}.${side}.txt`;
    const target = join(this.dir, name);
    const temp = join(this.dir, `.${name}.tmp`);
    writeFileSync(temp, text, { mode: 0o600 });
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    return name;
  }

  read(name: string): string | undefined {
    try {
      return readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return undefined;
    }
  }

  remove(names: readonly (string | null)[]): void {
    for (const name of names) if (name) rmSync(join(this.dir, name), { force: true });
  }
}
