import type { WebContents } from 'electron';
import { APP_ORIGIN } from './channels';
import { originOf } from './origin';

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The window never navigates away, opens windows or attaches webviews. The top frame never navigates
 * at all; a frame inside it (the app has none today) may load only pages of the app's own origin.
 */
export function lockDown(contents: GuardedContents, appOrigins: readonly string[] = [APP_ORIGIN]): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    const origin = originOf(event.url);
    if (event.isMainFrame || origin === undefined || !appOrigins.includes(origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
