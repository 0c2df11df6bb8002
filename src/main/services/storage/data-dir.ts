import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'SCIM Inspector';

export interface DataDirSources {
  /** value of `--data-dir` */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** The platform's per-user application data folder for this app (what Electron's `userData` is). */
export function platformDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir`, else `SCIM_INSPECTOR_DATA_DIR`, else the platform's app data folder. */
export function resolveDataDir(sources: DataDirSources = {}): string {
  const env = sources.env ?? process.env;
  if (sources.flag) return sources.flag;
  if (env.SCIM_INSPECTOR_DATA_DIR) return env.SCIM_INSPECTOR_DATA_DIR;
  return platformDataDir(sources.platform ?? process.platform, env, sources.home ?? homedir());
}

/** Every store derives its location from here. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    logs: join(dataDir, 'logs'),
    settings: join(dataDir, 'settings.json'),
    endpoints: join(dataDir, 'endpoints.json'),
    history: join(dataDir, 'history'),
    collections: join(dataDir, 'collections'),
    /** collection folders opened from elsewhere on disk */
    collectionFolders: join(dataDir, 'collection-folders.json'),
    sandbox: join(dataDir, 'sandbox'),
    bodies: join(dataDir, 'bodies'),
    workspace: join(dataDir, 'workspace.json'),
    /** kept conformance runs (SQLite) */
    conformance: join(dataDir, 'conformance'),
  } as const;
}
export type DataPaths = ReturnType<typeof dataPaths>;
