import { z } from 'zod';
import { SandboxStatus } from './commands/sandbox';

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
  /** the sandbox's settings or data counts changed */
  'sandbox.changed': SandboxStatus,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
