import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { applyElectronFuses, ELECTRON_FUSES } from '../../../../../build/electron-fuses';
import { tempDir } from '../../../../support/temp-dir';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, in wire order: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file: privileges, Wasm trap handlers. */
const ELECTRON_DEFAULTS = '101100011';

/** A stand-in for the Electron executable: its fuse wire (sentinel, version 1, length, one byte per fuse) among other bytes. */
function fakeElectron(dir: string, wire: string): string {
  const path = join(dir, 'electron');
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(4096, 0x90)]));
  return path;
}

describe('the Electron fuses of the packaged app', () => {
  it('decides every fuse this Electron has, and turns off running as Node, NODE_OPTIONS and --inspect', () => {
    const decided = Object.keys(ELECTRON_FUSES).filter((k) => /^\d+$/.test(k)).map(Number);
    expect(decided.sort((a, b) => a - b)).toEqual(Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number'));
    expect(ELECTRON_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('flips them in an executable and leaves the rest of it as it was', async () => {
    const dir = tempDir();
    try {
      const binary = fakeElectron(dir.path, ELECTRON_DEFAULTS);
      const before = readFileSync(binary);
      expect(await applyElectronFuses(binary)).toBe(1);
      const wire = await getCurrentFuseWire(binary);
      const on = (fuse: FuseV1Options) => wire[fuse] === FuseState.ENABLE;
      expect(on(FuseV1Options.RunAsNode)).toBe(false);
      expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
      expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
      expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
      expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
      expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
      expect(on(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(false);
      expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
      expect(on(FuseV1Options.WasmTrapHandlers)).toBe(true);
      const after = readFileSync(binary);
      const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
      expect(Buffer.compare(after.subarray(0, wireAt), before.subarray(0, wireAt))).toBe(0);
      expect(Buffer.compare(after.subarray(wireAt + ELECTRON_DEFAULTS.length), before.subarray(wireAt + ELECTRON_DEFAULTS.length))).toBe(0);
    } finally {
      dir.cleanup();
    }
  });

  it('refuses an Electron with a fuse nobody has decided on yet, changing nothing', async () => {
    const dir = tempDir();
    try {
      const binary = fakeElectron(dir.path, `${ELECTRON_DEFAULTS}1`);
      const before = readFileSync(binary);
      await expect(applyElectronFuses(binary)).rejects.toThrow(/strictlyRequireAllFuses/);
      expect(readFileSync(binary).equals(before)).toBe(true);
    } finally {
      dir.cleanup();
    }
  });
});
