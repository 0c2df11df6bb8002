import type { WireResult } from '@shared/api/wire';

/** How the renderer reaches main: IPC in the desktop app, HTTP to the loopback bridge in a browser. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(command: string, payload: unknown): Promise<WireResult>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** URL the browser can fetch a stored body from, where the transport has one */
  blobUrl?(id: string): string;
}

/** What the desktop preload puts on `window.api`. */
export interface PreloadBridge {
  call(command: string, payload: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    api?: PreloadBridge;
  }
}
