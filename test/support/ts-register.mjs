// `node --experimental-transform-types --import ./test/support/ts-register.mjs script.ts`: runs the
// project's TypeScript in a separate process (a real "restart of the host process" in tests).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
