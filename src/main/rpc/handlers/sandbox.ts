import type { SandboxStatus } from '@shared/api/commands/sandbox';
import { fail } from '@shared/api/errors';
import type { SandboxServer } from '../../services/sandbox/sandbox';
import type { Handlers } from '../router';

const NOT_RUNNING: SandboxStatus = {
  running: false,
  baseUrl: null,
  userCount: 0,
  groupCount: 0,
  lenient: false,
  faults: { latencyMs: 0, failNext: null, dropNext: 0 },
};

/** The sandbox commands; without a running sandbox, status says so and the others are unsupported. */
export function sandboxHandlers(sandbox: SandboxServer | undefined): Pick<Handlers, 'sandbox.status' | 'sandbox.reset' | 'sandbox.configure'> {
  const require = (): SandboxServer => {
    if (!sandbox) throw fail('unsupported', 'The sandbox SCIM server does not run in this session.', { hint: 'It is off in this host, or it could not start: see the notices.' });
    return sandbox;
  };
  return {
    'sandbox.status': () => sandbox?.status() ?? NOT_RUNNING,
    'sandbox.reset': () => require().reset(),
    'sandbox.configure': (changes) => require().configure(changes),
  };
}
