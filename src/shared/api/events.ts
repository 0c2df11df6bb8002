import { z } from 'zod';
import { VaultStatus } from './commands/vault';
import { SandboxStatus } from './commands/sandbox';
import { RunStep } from '../model/collection';
import { CheckResult } from '../model/conformance';

/**
 * Events main pushes to the renderer: name -> payload schema.
 * Features add theirs here; the renderer subscribes by name.
 */
export const events = {
  'app.notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    source: z.string().optional(),
  }),
  /** an `http.send` taking a while (sent only after the first ~150 ms, then a few times a second) */
  'http.progress': z.object({
    requestId: z.string(),
    phase: z.enum(['connecting', 'waiting', 'receiving', 'done']),
    receivedBytes: z.number().int().min(0),
    totalBytes: z.number().int().min(0).optional(),
  }),
  /** the endpoint list or an endpoint's secrets changed (`id` absent: reload everything) */
  'endpoints.changed': z.object({
    id: z.string().optional(),
    change: z.enum(['created', 'updated', 'deleted', 'secrets', 'all']),
  }),
  /** the secret store changed backend (the user chose session-only) or found a problem */
  'vault.changed': VaultStatus,
  /** the sandbox's settings or data counts changed */
  'sandbox.changed': SandboxStatus,
  /** history gained, lost or reset entries: lists refetch */
  'history.changed': z.object({
    reason: z.enum(['recorded', 'deleted', 'cleared', 'pruned', 'reset']),
    count: z.number().int(),
  }),
  /** a collection's files changed (through the app or outside it) */
  'collections.changed': z.object({ collectionId: z.string() }),
  /** one request of a running collection finished */
  'collections.runStep': z.object({ runId: z.string(), index: z.number().int(), total: z.number().int(), step: RunStep }),
  /** a conformance run moved on: a phase began, or a check finished (`result`, secrets already replaced) */
  'conformance.progress': z.object({
    runId: z.string(),
    phase: z.enum(['discovery', 'checks', 'cleanup', 'done']),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    result: CheckResult.optional(),
  }),
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
