import { z } from 'zod';
import { command } from '../command';

export const SandboxFaults = z.object({
  /** added before every answer, in milliseconds */
  latencyMs: z.number().int().min(0).max(60_000),
  /** the next `count` requests are answered with `status` and a SCIM Error body */
  failNext: z.object({ status: z.number().int().min(400).max(599), count: z.number().int().min(1).max(10_000) }).nullable(),
  /** the next N requests have their connection dropped without an answer */
  dropNext: z.number().int().min(0).max(10_000),
});
export type SandboxFaults = z.infer<typeof SandboxFaults>;

/** What the UI may know about the embedded sandbox SCIM server (never its token). */
export const SandboxStatus = z.object({
  running: z.boolean(),
  /** e.g. http://127.0.0.1:PORT/scim/v2; null when the sandbox does not run in this host */
  baseUrl: z.string().nullable(),
  userCount: z.number().int().min(0),
  groupCount: z.number().int().min(0),
  /** PATCH (and filters) accept Entra ID's default shapes and report each deviation */
  lenient: z.boolean(),
  faults: SandboxFaults,
  /** planted defects switched on (conformance testing); see the sandbox's `--help` for the names */
  defects: z.array(z.string()).default([]),
});
export type SandboxStatus = z.infer<typeof SandboxStatus>;

export const SandboxConfigure = z.object({
  lenient: z.boolean().optional(),
  faults: SandboxFaults.partial().optional(),
  /** replaces the planted defects (names as `npm run sandbox -- --help` lists them; [] turns all off) */
  defects: z.array(z.string().min(1).max(100)).max(100).optional(),
});
export type SandboxConfigure = z.infer<typeof SandboxConfigure>;

export const sandboxCommands = {
  'sandbox.status': command(z.object({}), SandboxStatus),
  /** back to the seeded demo data */
  'sandbox.reset': command(z.object({}), SandboxStatus),
  'sandbox.configure': command(SandboxConfigure, SandboxStatus),
};
