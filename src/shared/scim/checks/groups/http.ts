import { member } from '../features';
import { needs } from '../preconditions';
import { evidence } from '../response/observe';
import { describe, mediaType } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { readBack } from './resource-support';

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
  {
    id: 'H02',
    observe(observed) {
      const creates = observed.filter((o) => o.request.method === 'POST' && o.request.body !== undefined && !o.request.headers?.['Content-Type'] && /\/(users|groups)$/i.test(o.request.path.split('?')[0]!));
      if (creates.length === 0) return skip('No create was sent in this run');
      const refused = creates.filter((o) => o.response.status === 415 || o.response.status === 406);
      if (refused.length) return { ...fail(`${refused.length} request(s) sent as application/scim+json were refused (${refused[0]!.response.status})`, { actual: describe(refused[0]!.response), fix: 'Accept application/scim+json request bodies (RFC 7644 §3.8, §8.1).' }), exchanges: evidence(refused.map((o) => o.response.exchangeId)) };
      return pass(`${creates.length} creates sent as application/scim+json were accepted`);
    },
  },
  {
    id: 'H03',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const displayName = 'Ñoño Çağrı 山田太郎 Ωμέγα 😀';
      const user = await ctx.fixtures.createUser({ displayName, name: { givenName: 'Ñoño', familyName: '山田' } });
      const read = await readBack(ctx, user);
      if (member(read, 'displayName') !== displayName || member(member(read, 'name'), 'familyName') !== '山田') {
        return fail('Non-ASCII values did not come back as sent', { expected: displayName, actual: String(member(read, 'displayName')), fix: 'Read and write JSON as UTF-8 (RFC 7644 §3.8, RFC 8259 §8.1).' });
      }
      return pass('Accented, CJK, Greek and emoji characters came back unchanged');
    },
  },
  {
    id: 'H04',
    mutates: false,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.serviceProviderConfig);
      if (ctx.facts.baseUrl.includes('?')) return fail(`The base URL has a query string: ${ctx.facts.baseUrl}`, { fix: 'RFC 7644 §3.13: the base URL is a path; resource paths and query parameters are appended to it.' });
      const versioned = /\/v\d+\/?$/i.test(ctx.facts.baseUrl);
      return pass(`The base URL has no query string${versioned ? ' and carries its version in the path' : ''}`);
    },
  },
  {
    id: 'H05',
    observe(observed) {
      const redirected = observed.filter((o) => o.response.redirects.length > 0);
      if (redirected.length === 0) return pass(`No answer of ${observed.length} was a redirect`);
      const hops = redirected[0]!.response.redirects.map((r) => `${r.status} → ${r.url}`).join(', ');
      return { ...warn(`${redirected.length} request(s) were redirected (${hops})`, { fix: 'Serve SCIM at its base URL without redirects: IdPs do not all follow them, and 301/302 turn a POST into a GET (RFC 9110 §15.4).' }), exchanges: evidence(redirected.map((o) => o.response.exchangeId)) };
    },
  },
];

