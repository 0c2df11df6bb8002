#!/usr/bin/env node
// `npx scim-inspector …`: builds what is missing (as `npm run web` does), then runs the command line.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildIfStale } from '../scripts/build-if-stale.mjs';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`scim-inspector needs Node 24 or later (this is ${process.version}); run it with npx in the repository, which puts the project's Node first.\n`);
  process.exit(2);
}
try {
  buildIfStale();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
await import(pathToFileURL(join(import.meta.dirname, '..', 'out', 'main', 'cli.js')).href);
