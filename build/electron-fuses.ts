// The Electron fuses the packaged SCIM Inspector sets: switches compiled into the Electron binary that
// no command-line flag or environment variable can turn back on. Packaging applies them to the app's
// executable after it is assembled:
//   electron-builder: `afterPack: (context) => applyElectronFuses(executableOf(context))`
//   electron-forge:   `new FusesPlugin(ELECTRON_FUSES)` from @electron-forge/plugin-fuses
//   by hand:          `node build/electron-fuses.ts path/to/SCIM Inspector(.app|.exe)`
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** Each fuse, set explicitly (a fuse added in a later Electron makes flipping fail until it is decided here). */
export const ELECTRON_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node runtime that a keychain trusting the
  // app (macOS grants items to the signed executable) would answer: the endpoint secrets live there
  [FuseV1Options.RunAsNode]: false,
  // cookies at rest encrypted with the OS key store (the desktop renderer uses none today; any later one is covered)
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require … would load foreign code into the main process, which holds the vault
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would let any local process attach a debugger to the main process
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // the app code is checked against the integrity hash the packager embeds (macOS and Windows)
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // code is loaded only from app.asar, never from a loose app/ folder placed beside it
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // no separate browser-process V8 snapshot is shipped
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // the renderer is served from app://inspector, never file://: file: pages get no extra privileges
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default: WebAssembly bounds checks through trap handlers
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/**
 * Flips ELECTRON_FUSES in a packaged Electron executable (or a macOS `.app`, whose ad-hoc signature is
 * then renewed). Resolves with the number of fuse wires changed (2 for a universal macOS binary).
 */
export function applyElectronFuses(pathToElectron: string): Promise<number> {
  return flipFuses(pathToElectron, { ...ELECTRON_FUSES, resetAdHocDarwinSignature: process.platform === 'darwin' && /\.app([\\/]|$)/.test(pathToElectron) });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('Usage: node build/electron-fuses.ts <packaged Electron executable or .app>\n');
    process.exit(2);
  }
  const wires = await applyElectronFuses(target);
  process.stdout.write(`Set ${Object.keys(ELECTRON_FUSES).length - 2} fuses in ${wires} fuse wire(s) of ${target}\n`);
}
