import { readFile, rename } from 'node:fs/promises';
import { fail } from '@shared/api/errors';
import { defaultWorkspace, type Workspace } from '@shared/model/workspace';
import type { Logger } from '../log/logger';
import { writeFileAtomic } from '../storage/atomic-write';
import { salvageWorkspace } from './salvage';
import { sanitizeWorkspace } from './sanitize';

export interface WorkspaceStoreOptions {
  path: string;
  log: Logger;
  /** replaces known secret values (the app's SecretScrubber) */
  scrub: (text: string) => string;
  /** a save waits this long for the next one before it is written */
  debounceMs?: number;
  /** but never longer than this after the first unwritten save */
  maxWaitMs?: number;
  /** a deferred write failed (disk full, folder removed): tell the user */
  onWriteError?: (message: string) => void;
}

/**
 * workspace.json: the open tabs and the layout. Saves come with every edit, so they are coalesced
 * and written atomically after a short quiet period (and on `flush`, which `dispose` calls).
 * A damaged file is moved aside, never deleted, and what could be read from it is kept.
 */
export class WorkspaceStore {
  private current: Workspace = defaultWorkspace();
  private notice: string | undefined;
  private firstRun = true;
  private pending: Workspace | undefined;
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: WorkspaceStoreOptions) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
  }

  /** Reads the file; returns a notice when it had to be set aside. */
  async load(): Promise<string | undefined> {
    const { path, log } = this.options;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.firstRun = false;
      throw fail('storage', `Cannot read ${path}: ${(error as Error).message}`, { path });
    }
    this.firstRun = false;
    const { workspace, problem } = salvageWorkspace(text);
    this.current = sanitizeWorkspace(workspace, this.options.scrub);
    if (!problem) return undefined;
    const aside = `${path}.broken-${Date.now()}`;
    await rename(path, aside);
    log.warn('workspace file set aside', { path: aside, problem });
    const kept = workspace.tabs.length;
    this.notice = `The saved workspace ${path} was damaged (${problem}); it was kept as ${aside}${kept ? ` and ${kept} tab${kept === 1 ? '' : 's'} could be restored` : ''}.`;
    return this.notice;
  }

  get(): { workspace: Workspace; firstRun: boolean; notice?: string } {
    const answer = { workspace: this.current, firstRun: this.firstRun };
    return this.notice ? { ...answer, notice: this.notice } : answer;
  }

  /** Takes the new workspace at once and writes it after the debounce. */
  save(workspace: Workspace): { savedAt: string } {
    this.firstRun = false;
    this.current = sanitizeWorkspace(workspace, this.options.scrub);
    this.pending = this.current;
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => void this.flush(), wait);
    return { savedAt: new Date(now).toISOString() };
  }

  /** Writes what is pending now; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (next) {
      this.writing = this.writing.then(() => this.write(next));
    }
    return this.writing;
  }

  private async write(workspace: Workspace): Promise<void> {
    try {
      await writeFileAtomic(this.options.path, `${JSON.stringify(workspace, null, 2)}\n`);
    } catch (error) {
      const message = `The workspace could not be saved to ${this.options.path}: ${(error as Error).message}. Open tabs are kept in this window only.`;
      this.options.log.error('workspace not saved', { path: this.options.path, error: (error as Error).message });
      this.options.onWriteError?.(message);
    }
  }
}
