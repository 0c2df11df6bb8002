import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../../../../../src/main/hosts/csp';

// The Electron binary cannot run here: these tests stand in for the `electron` module only.
const exposed: Record<string, unknown> = {};
const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => ({ ok: true, value: 1 })) });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

describe('the preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    await import('../../../../../src/main/hosts/electron/preload');
  });

  it('exposes exactly two functions, call and subscribe, as window.api', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'subscribe']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.subscribe).toBe('function');
  });

  it('call goes over the one invoke channel; subscribe filters by event name and unsubscribes', async () => {
    const api = exposed.api as { call(c: string, p: unknown): Promise<unknown>; subscribe(e: string, l: (p: unknown) => void): () => void };
    await api.call('app.info', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('scim-inspector:call', 'app.info', {});
    const seen: unknown[] = [];
    const off = api.subscribe('app.notice', (payload) => seen.push(payload));
    ipcRenderer.emit('scim-inspector:event', {}, 'other.event', 1);
    ipcRenderer.emit('scim-inspector:event', {}, 'app.notice', 2);
    off();
    ipcRenderer.emit('scim-inspector:event', {}, 'app.notice', 3);
    expect(seen).toEqual([2]);
  });
});

describe('the window', () => {
  it('is isolated, sandboxed and has no Node', async () => {
    const { windowOptions } = await import('../../../../../src/main/hosts/electron/window-options');
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('has a strict Content-Security-Policy: nothing remote, no eval', () => {
    const policy = `${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`;
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(policy).not.toMatch(/https?:|\*/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
  });

  it('denies navigation, redirects, webviews and window.open', async () => {
    const { lockDown } = await import('../../../../../src/main/hosts/electron/navigation-guard');
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    lockDown(contents as never);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const prevented = vi.fn();
      contents.emit(event, { preventDefault: prevented });
      expect(prevented, event).toHaveBeenCalled();
    }
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
  });
});

describe('frame navigation', () => {
  it('denies any frame navigating away from the app origin, and the top frame navigating at all', async () => {
    const { lockDown } = await import('../../../../../src/main/hosts/electron/navigation-guard');
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    lockDown(contents as never, ['app://inspector', 'http://localhost:5173']);
    const navigate = (url: string, isMainFrame: boolean) => {
      const preventDefault = vi.fn();
      contents.emit('will-frame-navigate', { url, isMainFrame, preventDefault });
      return preventDefault.mock.calls.length > 0 ? 'denied' : 'allowed';
    };
    expect(navigate('app://inspector/index.html', false)).toBe('allowed');
    expect(navigate('http://localhost:5173/x', false)).toBe('allowed');
    for (const url of ['https://evil.example/', 'http://localhost:5174/', 'app://other/index.html', 'file:///etc/passwd', 'about:blank', 'javascript:alert(1)', 'data:text/html,x', 'not a url']) {
      expect(navigate(url, false), url).toBe('denied');
    }
    expect(navigate('app://inspector/index.html', true)).toBe('denied');
    expect(navigate('https://evil.example/', true)).toBe('denied');
  });

  it('without origins given, allows only app://inspector', async () => {
    const { lockDown } = await import('../../../../../src/main/hosts/electron/navigation-guard');
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    lockDown(contents as never);
    const prevented = vi.fn();
    contents.emit('will-frame-navigate', { url: 'http://localhost:5173/', isMainFrame: false, preventDefault: prevented });
    expect(prevented).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; isMainFrame: boolean }) => void;
  type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean;

  async function handlers() {
    const { restrictPermissions } = await import('../../../../../src/main/hosts/electron/permissions');
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    restrictPermissions(session as never, ['app://inspector']);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as RequestHandler;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as CheckHandler;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (details: unknown) => boolean;
    const asked = (permission: string, requestingUrl: string, isMainFrame = true) => {
      let granted: boolean | undefined;
      request(null, permission, (g) => (granted = g), { requestingUrl, isMainFrame });
      return granted;
    };
    const checked = (permission: string, requestingUrl: string, isMainFrame = true) => check(null, permission, originOfUrl(requestingUrl), { requestingUrl, isMainFrame });
    return { asked, checked, device };
  }
  const originOfUrl = (url: string) => url.split('/').slice(0, 3).join('/');

  const EVERYTHING_ELSE = ['media', 'display-capture', 'geolocation', 'notifications', 'midi', 'midiSysex', 'clipboard-read', 'fullscreen', 'pointerLock', 'keyboardLock', 'openExternal', 'fileSystem', 'idle-detection', 'window-management', 'storage-access', 'top-level-storage-access', 'speaker-selection', 'mediaKeySystem', 'unknown'];

  it('grants the app page only writing to the clipboard, asked or checked', async () => {
    const { asked, checked } = await handlers();
    expect(asked('clipboard-sanitized-write', 'app://inspector/index.html')).toBe(true);
    expect(checked('clipboard-sanitized-write', 'app://inspector/index.html')).toBe(true);
    for (const permission of EVERYTHING_ELSE) {
      expect(asked(permission, 'app://inspector/index.html'), permission).toBe(false);
      expect(checked(permission, 'app://inspector/index.html'), permission).toBe(false);
    }
  });

  it('grants nothing to another origin or to a frame inside the page', async () => {
    const { asked, checked, device } = await handlers();
    for (const url of ['https://evil.example/', 'app://other/', 'file:///x', 'http://localhost:5173/']) {
      expect(asked('clipboard-sanitized-write', url), url).toBe(false);
      expect(checked('clipboard-sanitized-write', url), url).toBe(false);
    }
    expect(asked('clipboard-sanitized-write', 'app://inspector/index.html', false)).toBe(false);
    expect(checked('clipboard-sanitized-write', 'app://inspector/index.html', false)).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://inspector' })).toBe(false);
  });
});

describe('IPC', () => {
  it('accepts calls only from the app origin top frame', async () => {
    const { isTrustedSender } = await import('../../../../../src/main/hosts/electron/ipc');
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;
    expect(isTrustedSender(frame('app://inspector/index.html'))).toBe(true);
    expect(isTrustedSender(frame('https://evil.example/'))).toBe(false);
    expect(isTrustedSender(frame('app://inspector/index.html', {}))).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
    expect(isTrustedSender(frame('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(frame('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
  });

  it('routes a trusted call to the router and refuses an untrusted one', async () => {
    const { registerIpc } = await import('../../../../../src/main/hosts/electron/ipc');
    let handler: ((event: unknown, command: unknown, payload: unknown) => Promise<unknown>) | undefined;
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answer' }));
    const core = { router: { dispatch }, log: { warn: vi.fn() } };
    registerIpc({ handle: (_channel: string, h: typeof handler) => (handler = h) } as never, core as never);
    const trusted = await handler!({ senderFrame: { url: 'app://inspector/index.html', parent: null } }, 'app.info', {});
    expect(trusted).toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {}, { origin: 'desktop' });
    const refused = await handler!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.info', {});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('the app protocol', () => {
  it('serves the renderer with the CSP header and refuses paths outside it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { appProtocolResponse } = await import('../../../../../src/main/hosts/electron/app-protocol');
    const dir = mkdtempSync(join(tmpdir(), 'renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const ok = await appProtocolResponse(dir, 'app://inspector/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await appProtocolResponse(dir, 'app://inspector/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    // a path that is not valid percent-encoding is a 400, not a rejected promise
    expect((await appProtocolResponse(dir, 'app://inspector/%E0')).status).toBe(400);
  });
});
