import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../../support/temp-dir';

// The Electron binary cannot run here: the `electron` module is a stand-in that records what main.ts
// does with it, and the real main.ts (with the real composition root) runs against it.
const recorded = vi.hoisted(() => ({
  app: null as unknown as EventEmitter & { whenReady(): Promise<void>; quit(): void },
  windows: [] as { webContents: EventEmitter }[],
  session: { request: undefined as unknown, check: undefined as unknown, device: undefined as unknown },
  protocolHandler: undefined as unknown,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const contents = () => Object.assign(new Emitter(), { setWindowOpenHandler: () => undefined, send: () => undefined });
  class BrowserWindow extends Emitter {
    webContents = contents();
    constructor() {
      super();
      recorded.windows.push(this as never);
    }
    static getAllWindows = () => recorded.windows;
    loadURL = async () => undefined;
    show = () => undefined;
  }
  recorded.app = Object.assign(new Emitter(), { whenReady: async () => undefined, quit: () => undefined });
  return {
    app: recorded.app,
    BrowserWindow,
    ipcMain: { handle: () => undefined },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: (_scheme: string, handler: unknown) => (recorded.protocolHandler = handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (recorded.session.request = h),
        setPermissionCheckHandler: (h: unknown) => (recorded.session.check = h),
        setDevicePermissionHandler: (h: unknown) => (recorded.session.device = h),
      },
    },
  };
});

describe('the desktop main process (Electron stood in for)', () => {
  const dir = tempDir();
  const argv = process.argv;
  afterAll(async () => {
    recorded.app.emit('will-quit');
    process.argv = argv;
    await new Promise((r) => setTimeout(r, 200));
    dir.cleanup();
  });

  it('puts the permission handlers on the session and the navigation guard on every web contents', async () => {
    process.argv = [...argv, '--data-dir', dir.path];
    await import('../../../../../src/main/hosts/electron/main');
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 20_000 });

    const request = recorded.session.request as (c: unknown, p: string, cb: (g: boolean) => void, d: { requestingUrl: string; isMainFrame: boolean }) => void;
    const check = recorded.session.check as (c: unknown, p: string, o: string, d: { requestingUrl: string; isMainFrame: boolean }) => boolean;
    let granted: boolean | undefined;
    request(null, 'media', (g) => (granted = g), { requestingUrl: 'app://inspector/index.html', isMainFrame: true });
    expect(granted).toBe(false);
    request(null, 'clipboard-sanitized-write', (g) => (granted = g), { requestingUrl: 'app://inspector/index.html', isMainFrame: true });
    expect(granted).toBe(true);
    expect(check(null, 'geolocation', 'app://inspector', { requestingUrl: 'app://inspector/index.html', isMainFrame: true })).toBe(false);
    expect((recorded.session.device as () => boolean)()).toBe(false);

    // the window's contents, and any contents created later, refuse a frame navigating away
    const later = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    recorded.app.emit('web-contents-created', {}, later);
    for (const contents of [recorded.windows[0]!.webContents, later]) {
      const away = vi.fn();
      contents.emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false, preventDefault: away });
      expect(away).toHaveBeenCalled();
      const inside = vi.fn();
      contents.emit('will-frame-navigate', { url: 'app://inspector/index.html', isMainFrame: false, preventDefault: inside });
      expect(inside).not.toHaveBeenCalled();
    }
  });
});
