// `npm run sandbox`: builds what is missing, then runs the sandbox SCIM server (all arguments are passed on).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

try {
  buildIfStale();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(import.meta.dirname, '..', 'out', 'main', 'sandbox.js')).href);
