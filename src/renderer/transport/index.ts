import { httpTransport } from './http';
import { ipcTransport } from './ipc';
import type { Transport } from './transport';

export type { Transport } from './transport';

/** The desktop preload provides `window.api`; anywhere else the page talks to the web bridge. */
export function pickTransport(): Transport {
  return typeof window !== 'undefined' && window.api ? ipcTransport(window.api) : httpTransport();
}
