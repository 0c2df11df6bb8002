import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { WireResult } from '@shared/api/wire';
import type { AppCore } from '../../compose';
import { APP_ORIGIN, CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { originOf } from './origin';
import { scrubValue } from '../../rpc/router';

/** Only the app's own top-level page may call main. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServerOrigin?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  if (origin === undefined) return false;
  return origin === APP_ORIGIN || (devServerOrigin !== undefined && origin === devServerOrigin);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, core: AppCore, devServerOrigin?: string): void {
  ipcMain.handle(CALL_CHANNEL, async (event, command: unknown, payload: unknown): Promise<WireResult> => {
    if (!isTrustedSender(event, devServerOrigin)) {
      core.log.warn('ipc call from an untrusted frame refused', { url: event.senderFrame?.url });
      return { ok: false, error: { kind: 'forbidden', message: 'This frame may not call SCIM Inspector' } };
    }
    return core.router.dispatch(String(command), payload, { origin: 'desktop' });
  });
}

export function forwardEvents(core: AppCore, target: () => WebContents | undefined): () => void {
  return core.events.subscribe((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event.name, scrubValue(event.payload, (text) => core.scrubber.scrub(text)));
  });
}
