import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type * as Scim from '../../src/shared/scim';
import { repoRoot } from './paths';

export type ScimModule = typeof Scim;

const root = repoRoot;

/**
 * src/shared/scim bundled the way Vite bundles it into the app, then imported by Node itself. The bench
 * runner loads bench files through Vite's dev-time SSR transform, which turns every cross-module call
 * into a getter lookup; the npm peers are loaded natively, so ours must be too for a fair comparison.
 */
export async function loadBundledScim(): Promise<ScimModule> {
  const outDir = join(root, '.tmp', 'bench-scim');
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      lib: { entry: join(root, 'src/shared/scim/index.ts'), formats: ['es'], fileName: () => 'scim.mjs' },
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2023',
    },
  });
  // a native import(), out of reach of the runner's module transform
  const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<ScimModule>;
  return nativeImport(`${pathToFileURL(join(outDir, 'scim.mjs')).href}?t=${Date.now()}`);
}
