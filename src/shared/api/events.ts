import { z } from 'zod';
import { RunStep } from '../model/collection';

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
  /** history gained, lost or reset entries: lists refetch */
  'history.changed': z.object({
    reason: z.enum(['recorded', 'deleted', 'cleared', 'pruned', 'reset']),
    count: z.number().int(),
  }),
  /** a collection's files changed (through the app or outside it) */
  'collections.changed': z.object({ collectionId: z.string() }),
  /** one request of a running collection finished */
  'collections.runStep': z.object({ runId: z.string(), index: z.number().int(), total: z.number().int(), step: RunStep }),
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
