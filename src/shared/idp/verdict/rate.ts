import type { VerdictStatus } from './judge';

/** The Entra gallery checklist: "Support at least 25 requests per second per tenant". */
export const GALLERY_RATE = 25;
/** A run that keeps 95 % of the rate keeps it (timers and the first request's connection cost the rest). */
const KEPT = 0.95;

export interface RateInput {
  requests: number;
  /** requests per second the server kept up with */
  achievedRate: number;
  /** answers 429 */
  throttled: number;
  /** answers 5xx, and sends that got no answer */
  errors: number;
  p95Ms: number;
}

export interface RateVerdict {
  status: Exclude<VerdictStatus, 'skip'>;
  detail: string;
  fix?: string;
}

/**
 * Whether a server takes Entra's rate (En22): the one rule the simulator's cycle report and the
 * conformance check both apply. Throttling or errors at the gallery's rate fail it (the gallery asks
 * for 25 requests/s); not keeping up without refusing anything is a warning.
 */
export function judgeRate(input: RateInput): RateVerdict {
  const kept = input.achievedRate >= GALLERY_RATE * KEPT;
  const base = `${input.requests} requests at ${input.achievedRate.toFixed(1)}/s (p95 ${Math.round(input.p95Ms)} ms)`;
  if (input.errors > 0 || input.throttled > 0) {
    const parts = [input.throttled ? `${input.throttled} answered 429` : '', input.errors ? `${input.errors} answered 5xx or not at all` : ''].filter(Boolean).join(', ');
    return {
      status: 'fail',
      detail: `${base}: ${parts}; the Entra gallery asks for at least ${GALLERY_RATE} requests/s per tenant`,
      fix: `Take at least ${GALLERY_RATE} requests per second per tenant without errors (Entra gallery checklist); when you must throttle, answer 429 with Retry-After so Entra backs off.`,
    };
  }
  if (!kept) {
    return {
      status: 'warn',
      detail: `${base}: below the ${GALLERY_RATE} requests/s the Entra gallery asks for (see the latency)`,
      fix: `Answer faster: Entra sends several requests at once and expects ${GALLERY_RATE} requests per second per tenant to go through.`,
    };
  }
  return { status: 'pass', detail: `${base}; the Entra gallery asks for at least ${GALLERY_RATE} requests/s per tenant` };
}
