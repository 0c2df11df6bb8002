import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

type Listener = (payload: unknown) => void;

/** Everything the renderer can reach: one call function and one subscribe function. */
export const bridge = {
  call: (command: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, String(command), payload),
  subscribe: (event: string, listener: Listener): (() => void) => {
    const name = String(event);
    const handler = (_: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', bridge);
