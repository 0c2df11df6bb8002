import { mediaType } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, skip } from '../verdicts';

/** HTTP and media type (RFC 7644 §3.1, §8.1). */
export const httpChecks: CheckDefinition[] = [
  {
    id: 'H01',
    observe(observed) {
      const withBody = observed.filter((o) => o.response.status > 0 && o.response.text !== '' && o.response.json !== undefined);
      if (withBody.length === 0) return skip('No JSON answer was seen in this run');
      const wrong = withBody.filter((o) => mediaType(o.response) !== 'application/scim+json');
      if (wrong.length === 0) return pass(`All ${withBody.length} JSON answers used application/scim+json`);
      const types = [...new Set(wrong.map((o) => mediaType(o.response) ?? '(none)'))];
      return {
        ...fail(`${wrong.length} of ${withBody.length} JSON answers used ${types.join(', ')}`, {
          expected: 'Content-Type: application/scim+json',
          actual: types.join(', '),
          fix: 'Send "Content-Type: application/scim+json" on every SCIM answer (RFC 7644 §8.1).',
        }),
        exchanges: wrong.slice(0, 20).map((o) => o.response.exchangeId),
      };
    },
  },
];
