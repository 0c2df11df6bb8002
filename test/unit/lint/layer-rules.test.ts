import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });

/** Lints a snippet as if it were the file at `path` in the tree (nothing is written). */
async function messagesFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer rules of DESIGN.md, as ESLint enforces them', () => {
  it('fails a file in src/shared that imports node:fs', async () => {
    const messages = await messagesFor('src/shared/scim/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(messages.join('\n')).toMatch(/no-restricted-imports: 'node:fs'.*src\/shared is pure TypeScript/);
  });

  it('fails a file in src/shared that imports a bare Node built-in or uses a host global', async () => {
    expect((await messagesFor('src/shared/probe.ts', "import path from 'path';\nexport const x = path;\n")).join()).toMatch(/no-restricted-imports/);
    expect((await messagesFor('src/shared/probe.ts', 'export const x = window.location;\n')).join()).toMatch(/no-restricted-globals/);
  });

  it('fails a service that imports electron', async () => {
    const messages = await messagesFor('src/main/services/vault/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages.join('\n')).toMatch(/Services never import electron/);
  });

  it('fails a service that imports a host, and the renderer importing main', async () => {
    expect((await messagesFor('src/main/services/probe.ts', "import { startWebHost } from '../hosts/web/server';\nexport const x = startWebHost;\n")).join()).toMatch(/never import a host/);
    expect((await messagesFor('src/renderer/probe.ts', "import { compose } from '../main/compose';\nexport const x = compose;\n")).join()).toMatch(/only through the API contract/);
  });

  it('fails electron outside the electron host, and a socket opened outside the hosts', async () => {
    expect((await messagesFor('src/main/rpc/probe.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).join()).toMatch(/Only src\/main\/hosts\/electron/);
    expect((await messagesFor('src/main/services/probe.ts', "import { createServer } from 'node:http';\ncreateServer().listen(0);\n")).join()).toMatch(/listening socket|create servers/);
  });

  it('lets the allowed imports through', async () => {
    expect(await messagesFor('src/main/hosts/electron/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await messagesFor('src/shared/probe.ts', "import { z } from 'zod';\nexport const x = z.string();\n")).toEqual([]);
    expect(await messagesFor('src/main/services/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
  });
});
