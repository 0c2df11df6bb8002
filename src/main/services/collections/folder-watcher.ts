import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * Where the platform watches a tree natively (FSEvents, ReadDirectoryChangesW). Elsewhere (Linux)
 * Node's recursive mode watches every file and lists a whole folder again on each event, which
 * makes writing n files cost n²; there one watcher per folder is enough (a folder reports changes
 * to its entries) and new sub-folders are added as they appear.
 */
const NATIVE_RECURSIVE = process.platform === 'darwin' || process.platform === 'win32';

/** How long the app's own writes are remembered, to tell their late events from outside changes. */
const OWN_WRITES_KEPT_MS = 60_000;

/** Folders the collection reader never looks into: hidden ones (`.git`, temp and staging folders) and dependencies. */
const ignored = (rel: string) => rel.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules');

/** What the app does to a path: writes a file, makes (or moves in) a folder, or removes either. */
export type OwnChange = { path: string; kind: 'file' | 'folder' | 'remove' };
export const file = (path: string): OwnChange => ({ path, kind: 'file' });
export const folder = (path: string): OwnChange => ({ path, kind: 'folder' });
export const gone = (path: string): OwnChange => ({ path, kind: 'remove' });

interface OwnWrite {
  kind: OwnChange['kind'];
  /** when the write finished (undefined while it runs): a later modification is someone else's */
  doneAt: number | undefined;
  at: number;
}

interface Watched {
  folder: string;
  native?: FSWatcher;
  /** per-folder watchers, by path relative to `folder` ('' for the root) */
  dirs: Map<string, FSWatcher>;
  own: Map<string, OwnWrite>;
  timer?: NodeJS.Timeout;
  /** when the burst now being coalesced began */
  burstStart?: number;
}

export interface FolderWatcherOptions {
  /** quiet time that ends a burst of changes */
  debounceMs: number;
  /** a burst that goes on longer than this is reported anyway, and again after each such stretch */
  maxWaitMs?: number;
  /** force the per-folder watchers (tests) or the platform's recursive watcher */
  mode?: 'native' | 'folders';
}

/**
 * Watches collection folders and calls `onChange(key)` once a burst of outside changes settles:
 * a `git pull` that touches 200 files is one call. The app's own writes (declared through
 * `ownWrite`) and anything in hidden folders (temp files, import staging) are not changes.
 */
export class FolderWatcher {
  private readonly watched = new Map<string, Watched>();
  private readonly native: boolean;
  private readonly maxWaitMs: number;

  constructor(
    private readonly onChange: (key: string) => void,
    private readonly options: FolderWatcherOptions,
    private readonly onError: (folder: string, error: unknown) => void,
  ) {
    this.native = options.mode ? options.mode === 'native' : NATIVE_RECURSIVE;
    this.maxWaitMs = options.maxWaitMs ?? Math.max(2000, options.debounceMs * 10);
  }

  watch(key: string, folder: string): void {
    if (this.watched.has(key)) return;
    const entry: Watched = { folder, dirs: new Map(), own: new Map() };
    try {
      if (this.native) {
        entry.native = watch(folder, { recursive: true }, (_event, name) => this.event(key, name ?? ''));
        // the folder went away: stop watching; the next read reports it
        entry.native.on('error', () => this.unwatch(key));
      } else {
        this.watchTree(key, entry, '');
        if (!entry.dirs.has('')) return;
      }
      this.watched.set(key, entry);
    } catch (error) {
      this.onError(folder, error);
    }
  }

  unwatch(key: string): void {
    const entry = this.watched.get(key);
    if (!entry) return;
    entry.native?.close();
    for (const watcher of entry.dirs.values()) watcher.close();
    clearTimeout(entry.timer);
    this.watched.delete(key);
  }

  close(): void {
    for (const key of [...this.watched.keys()]) this.unwatch(key);
  }

  /**
   * Runs the app's own change to `paths` (relative to the watched folder, `/`-separated): the
   * events it causes, now or a little later, are not reported. A later change to the same path by
   * someone else still is (it modifies the file after the write finished).
   */
  async ownWrite<T>(key: string, paths: readonly OwnChange[], write: () => Promise<T>): Promise<T> {
    const entry = this.watched.get(key);
    if (!entry) return write();
    const now = Date.now();
    for (const [path, own] of entry.own) if (own.doneAt !== undefined && now - own.at > OWN_WRITES_KEPT_MS) entry.own.delete(path);
    const mine: OwnWrite[] = paths.map(({ path, kind }) => {
      const own: OwnWrite = { kind, doneAt: undefined, at: now };
      entry.own.set(path.split('/').join(sep), own);
      return own;
    });
    try {
      return await write();
    } finally {
      const done = Date.now();
      for (const own of mine) own.doneAt = done;
      if (!this.native) {
        for (const { path, kind } of paths) {
          const rel = path.split('/').join(sep);
          if (kind === 'remove') this.forgetTree(entry, rel);
          else if (kind === 'folder') this.watchNew(key, entry, rel);
        }
      }
    }
  }

  // ---- events ---------------------------------------------------------------------------------------

  private event(key: string, rel: string): void {
    const entry = this.watched.get(key);
    if (!entry || (rel !== '' && ignored(rel))) return;
    const own = entry.own.get(rel);
    if (!own && this.native) return this.schedule(key, entry);
    void lstat(join(entry.folder, rel)).then(
      (info) => {
        if (!this.watched.has(key)) return;
        if (own && (own.doneAt === undefined || (own.kind !== 'remove' && info.mtimeMs <= own.doneAt + 1))) return;
        if (!this.native && info.isDirectory()) this.watchNew(key, entry, rel);
        this.schedule(key, entry);
      },
      () => {
        if (!this.watched.has(key)) return;
        // a folder renamed away is still watched where it went: drop that watcher under the old name
        if (!this.native) this.forgetTree(entry, rel);
        if (own && (own.doneAt === undefined || own.kind === 'remove')) return;
        this.schedule(key, entry);
      },
    );
  }

  private schedule(key: string, entry: Watched): void {
    const now = Date.now();
    entry.burstStart ??= now;
    clearTimeout(entry.timer);
    const fire = () => {
      entry.timer = undefined;
      entry.burstStart = undefined;
      if (this.watched.get(key) === entry) this.onChange(key);
    };
    const waited = now - entry.burstStart;
    entry.timer = setTimeout(fire, waited >= this.maxWaitMs ? 0 : Math.min(this.options.debounceMs, this.maxWaitMs - waited));
  }

  // ---- per-folder watchers (Linux) ------------------------------------------------------------------

  private watchTree(key: string, entry: Watched, rel: string): void {
    if (entry.dirs.has(rel)) return;
    const dir = join(entry.folder, rel);
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => this.event(key, name ? (rel ? join(rel, name.toString()) : name.toString()) : rel));
    } catch (error) {
      if (rel === '') this.onError(entry.folder, error);
      return;
    }
    watcher.on('error', () => (rel === '' ? this.unwatch(key) : this.forgetTree(entry, rel)));
    entry.dirs.set(rel, watcher);
    let children;
    try {
      children = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const child of children) {
      if (!child.isDirectory()) continue;
      const sub = rel ? join(rel, child.name) : child.name;
      if (!ignored(sub)) this.watchTree(key, entry, sub);
    }
  }

  /** A folder that appeared (moved in, created, or written by the app): watch it and what is under it. */
  private watchNew(key: string, entry: Watched, rel: string): void {
    if (ignored(rel) || entry.dirs.has(rel)) return;
    const parent = rel.includes(sep) ? rel.slice(0, rel.lastIndexOf(sep)) : '';
    if (entry.dirs.has(parent)) this.watchTree(key, entry, rel);
  }

  private forgetTree(entry: Watched, rel: string): void {
    for (const [dir, watcher] of entry.dirs) {
      if (dir === rel || dir.startsWith(rel + sep)) {
        watcher.close();
        entry.dirs.delete(dir);
      }
    }
  }
}
