import { events, type EventName, type EventPayload } from '@shared/api/events';

export type AnyEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];
export type EventListener = (event: AnyEvent) => void;

/** Main's typed event stream; hosts forward it to the renderer. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const checked = events[name].parse(payload) as EventPayload<K>;
    const event = { name, payload: checked } as AnyEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a broken subscriber must not stop the others
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
