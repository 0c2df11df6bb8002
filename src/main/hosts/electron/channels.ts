/** IPC channel names shared by main and preload. */
export const CALL_CHANNEL = 'scim-inspector:call';
export const EVENT_CHANNEL = 'scim-inspector:event';
/** The custom scheme the renderer is served from (so it has a real origin and CSP headers). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inspector';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
