import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'scim-inspector') return dir;
    if (dirname(dir) === dir) throw new Error(`not inside the scim-inspector repository: ${from}`);
  }
}

/**
 * The repository's root, found by walking up to its package.json: right from the source folder and
 * from a bundle of it (benchmarks are bundled into .tmp/ before they run).
 */
export const repoRoot = findRoot(import.meta.dirname);
