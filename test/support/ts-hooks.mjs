// Module resolution for running the project's TypeScript directly with Node (see run-ts.ts):
// `@shared/*` → src/shared/*, and extensionless relative imports → `.ts` / `/index.ts`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '..', '..');

const isFile = (path) => existsSync(path) && statSync(path).isFile();

export async function resolve(specifier, context, next) {
  let path;
  if (specifier.startsWith('@shared/')) path = resolvePath(root, 'src/shared', specifier.slice('@shared/'.length));
  else if (specifier.startsWith('.') && context.parentURL?.startsWith('file:')) path = resolvePath(dirname(fileURLToPath(context.parentURL)), specifier);
  if (path) {
    for (const candidate of [path, `${path}.ts`, `${path}/index.ts`]) {
      if (isFile(candidate)) return next(pathToFileURL(candidate).href, context);
    }
  }
  return next(specifier, context);
}

/** Bundlers allow `import { version } from './package.json'`; Node does not: serve JSON as a module. */
export async function load(url, context, next) {
  if (!url.endsWith('.json') || !url.startsWith('file:')) return next(url, context);
  const data = JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
  const keys = Object.keys(data);
  const source = [
    `const data = ${JSON.stringify(data)};`,
    'export default data;',
    ...keys.map((key, i) => `const v${i} = data[${JSON.stringify(key)}]; export { v${i} as ${JSON.stringify(key)} };`),
  ].join('\n');
  return { format: 'module', source, shortCircuit: true };
}
