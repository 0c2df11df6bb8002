import type { Session } from 'electron';
import { originOf } from './origin';

/**
 * What the page may be granted: writing text to the clipboard (the copy buttons). Nothing else: no
 * camera, microphone, screen, location, notifications, MIDI, HID/USB/serial, fullscreen, pointer
 * lock, reading the clipboard, opening external links, file system access, …
 */
const NEEDED = new Set(['clipboard-sanitized-write']);

/** Whether `permission` may be used by a frame at `requestingUrl` (the app's own top frame only). */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean, appOrigins: readonly string[]): boolean {
  if (!NEEDED.has(permission) || !isMainFrame || requestingUrl === undefined) return false;
  const origin = originOf(requestingUrl);
  return origin !== undefined && appOrigins.includes(origin);
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Answers both the asynchronous requests (a page asking for a permission) and the synchronous checks
 * (a page querying whether it has one, which Chromium also runs before using some APIs) from the
 * same rule, and denies every device (HID, USB, serial) outright.
 */
export function restrictPermissions(session: PermissionSession, appOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, details.isMainFrame, appOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, appOrigins);
  });
  session.setDevicePermissionHandler(() => false);
}
