import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root. Benchmarks are bundled before they run (so our code runs natively, as the
 * peers' does), which moves them away from their source folder: `import.meta.dirname` would lie.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'scim-inspector') return dir;
    if (dirname(dir) === dir) throw new Error(`not inside the scim-inspector repository: ${from}`);
  }
}

export const repoRoot = findRoot(process.cwd());
