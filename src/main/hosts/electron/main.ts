import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { compose, type AppCore } from '../../compose';
import { resolveDataDir } from '../../services/storage/data-dir';
import { appProtocolResponse } from './app-protocol';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './channels';
import { forwardEvents, registerIpc } from './ipc';
import { lockDown } from './navigation-guard';
import { restrictPermissions } from './permissions';
import { windowOptions } from './window-options';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
/** the origins the app's own pages come from: app://inspector, and the dev server under `npm start` in development */
const appOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
let mainWindow: BrowserWindow | undefined;

function dataDirFlag(): string | undefined {
  const index = process.argv.indexOf('--data-dir');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function createWindow(core: AppCore): void {
  const window = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  mainWindow = window;
  lockDown(window.webContents, appOrigins);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  core.log.info('window opened');
}

async function start(): Promise<void> {
  await app.whenReady();
  const core = await compose({
    host: 'desktop',
    dataDir: resolveDataDir({ flag: dataDirFlag() }),
    runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
  });
  const rendererDir = join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, (request) => {
    if (new URL(request.url).host !== APP_HOST) return new Response('Not found', { status: 404 });
    return appProtocolResponse(rendererDir, request.url);
  });
  // the page gets no permission it does not need (clipboard writes for the copy buttons), asked or checked
  restrictPermissions(session.defaultSession, appOrigins);
  registerIpc(ipcMain, core, devServerUrl ? new URL(devServerUrl).origin : undefined);
  forwardEvents(core, () => mainWindow?.webContents);
  app.on('web-contents-created', (_event, contents) => lockDown(contents, appOrigins));
  createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(core);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core.dispose());
}

void start();
