import type { SandboxStatus } from '@shared/api/commands/sandbox';
import { fail } from '@shared/api/errors';
import { DEFECTS, isDefectName } from '../../services/sandbox/defects';
import type { SandboxServer } from '../../services/sandbox/sandbox';
import type { Handlers } from '../router';

const NOT_RUNNING: SandboxStatus = {
  running: false,
  baseUrl: null,
  userCount: 0,
  groupCount: 0,
  lenient: false,
  faults: { latencyMs: 0, failNext: null, dropNext: 0 },
  defects: [],
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
    'sandbox.configure': ({ defects, ...changes }) => {
      const unknown = (defects ?? []).filter((name) => !isDefectName(name));
      if (unknown.length > 0) {
        throw fail('validation', `Unknown sandbox defect ${unknown.join(', ')}; known: ${Object.keys(DEFECTS).join(', ')}`, { issues: unknown.map((name) => ({ path: 'defects', message: `unknown defect "${name}"` })) });
      }
      return require().configure({ ...changes, ...(defects ? { defects: defects.filter(isDefectName) } : {}) });
    },
  };
}
