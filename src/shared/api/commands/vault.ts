import { z } from 'zod';
import { command } from '../command';

export const VaultStatus = z.object({
  /** 'keychain': the OS keychain; 'session': memory only, gone when the app stops (warning stays on) */
  backend: z.enum(['keychain', 'session']),
  /** the keychain answers (always true for the session backend) */
  ok: z.boolean(),
  /** why the keychain cannot be used, in plain words */
  problem: z.string().optional(),
  /** what to do about it on this platform */
  fix: z.string().optional(),
  platform: z.string(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultCommands = {
  /** `recheck` probes the keychain again (after the user started or unlocked it) */
  'vault.status': command(z.object({ recheck: z.boolean().default(false) }), VaultStatus),
  /** the user's explicit choice when the keychain cannot be used: secrets in memory for this run */
  'vault.useSessionOnly': command(z.object({}), VaultStatus),
};
