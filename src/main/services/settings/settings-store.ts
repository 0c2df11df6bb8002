import { readFile, rename } from 'node:fs/promises';
import { fail } from '@shared/api/errors';
import { defaultSettings, Settings, type SettingsPatch } from '@shared/model/settings';
import type { Logger } from '../log/logger';
import { writeJsonAtomic } from '../storage/atomic-write';

/**
 * settings.json in the data directory. A file that does not parse is moved aside (never deleted)
 * and the defaults are used, with a notice.
 */
export class SettingsStore {
  private current: Settings = defaultSettings();
  private listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  /** Loads the file; returns a notice when it had to be set aside. */
  async load(): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fail('storage', `Cannot read ${this.path}: ${(error as Error).message}`, { path: this.path });
    }
    const problem = this.parse(text);
    if (!problem) return undefined;
    const aside = `${this.path}.broken-${Date.now()}`;
    await rename(this.path, aside);
    this.log.warn('settings file set aside', { path: aside, problem });
    return `Settings file ${this.path} could not be used (${problem}); it was kept as ${aside} and the defaults are in use.`;
  }

  get(): Settings {
    return this.current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = Settings.parse({
      ...this.current,
      http: { ...this.current.http, ...patch.http },
      history: { ...this.current.history, ...patch.history },
      ui: { ...this.current.ui, ...patch.ui },
    });
    await writeJsonAtomic(this.path, next);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private parse(text: string): string | undefined {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return `not valid JSON: ${(error as Error).message}`;
    }
    const parsed = Settings.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
    }
    this.current = parsed.data;
    return undefined;
  }
}
