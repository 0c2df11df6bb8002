import type { EventPayload } from '@shared/api/events';

type Phase = EventPayload<'http.progress'>['phase'];
export type ProgressSink = (payload: EventPayload<'http.progress'>) => void;

/** Silence for fast requests: a request reports progress only once it has taken this long. */
const QUIET_MS = 150;
const EVERY_MS = 200;

/** `http.progress` for one request, throttled, and only for requests slow enough to need it. */
export class Progress {
  private phase: Phase = 'connecting';
  private received = 0;
  private total: number | undefined;
  private active = false;
  private last = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly requestId: string | undefined,
    private readonly sink: ProgressSink | undefined,
  ) {
    if (requestId && sink) {
      this.timer = setTimeout(() => {
        this.active = true;
        this.emit();
      }, QUIET_MS);
    }
  }

  set(phase: Phase, total?: number): void {
    this.phase = phase;
    if (total !== undefined) this.total = total;
    if (this.active) this.emit();
  }

  bytes(received: number): void {
    this.received = received;
    if (this.active && performance.now() - this.last >= EVERY_MS) this.emit();
  }

  done(): void {
    clearTimeout(this.timer);
    if (this.active) {
      this.phase = 'done';
      this.emit();
      this.active = false;
    }
  }

  private emit(): void {
    this.last = performance.now();
    this.sink?.({ requestId: this.requestId!, phase: this.phase, receivedBytes: this.received, totalBytes: this.total });
  }
}
