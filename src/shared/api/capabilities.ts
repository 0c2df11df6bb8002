import { z } from 'zod';

export const HostKind = z.enum(['desktop', 'web', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

/** What the running host can do, so the UI offers only what works. */
export const Capabilities = z.object({
  /** Native open/save dialogs (desktop); the web host uses in-page pickers. */
  nativeDialogs: z.boolean(),
  /** Secrets are kept in the OS keychain (false: session-only memory, with a warning). */
  keychain: z.boolean(),
  /** The embedded sandbox SCIM server runs in this host. */
  sandbox: z.boolean(),
  /** Open a URL or a file in the OS (desktop) */
  openExternal: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;
