import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import { isDistinctive } from '@shared/redact/weak-secrets';
import type { AuthHeader } from './auth';

/** `Basic dXNlcjpwdw==` → `dXNlcjpwdw==`; a value without a scheme is the credential itself. */
export function credentialOf(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 && /^[A-Za-z][\w.-]*$/.test(value.slice(0, space)) ? value.slice(space + 1).trim() : value;
}

const owner = (endpointId: string) => `wire:${endpointId}`;

/**
 * The exact credential header values the engine sends, taught to the scrubber per endpoint: the
 * vault knows a Basic password, but the wire carries base64(user:password), which contains
 * base64(password) only when the user name's length + 1 is a multiple of 3. A value is taught once,
 * when an endpoint first sends it or sends another one, and forgotten when the endpoint changes.
 */
export class WireCredentials {
  private readonly sent = new Map<string, string>();

  constructor(private readonly scrubber: SecretScrubber) {}

  sending(endpointId: string, header: AuthHeader): void {
    if (this.sent.get(endpointId) === header.value) return;
    this.sent.set(endpointId, header.value);
    const credential = credentialOf(header.value);
    // `Bearer [REDACTED]` reads better than `[REDACTED]`: the whole value only when the credential alone is too short to replace
    this.scrubber.hold(owner(endpointId), { wire: isDistinctive(credential) ? [credential] : [credential, header.value] });
  }

  forget(endpointId?: string): void {
    const ids = endpointId === undefined ? [...this.sent.keys()] : [endpointId];
    for (const id of ids) {
      this.sent.delete(id);
      this.scrubber.release(owner(id));
    }
  }
}
