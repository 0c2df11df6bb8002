import { base64Utf8 } from '../../../util/base64';
import { all, needs, type Requirement } from '../preconditions';
import { evidence } from '../response/observe';
import { describe, header, isScimError, literal } from '../responses';
import { trackIfCreated } from './resource-support';
import type { CheckContext, CheckDefinition, ScimResponse } from '../types';
import { fail, pass, skip, warn } from '../verdicts';

const authenticated: Requirement = (facts) => (facts.authKind === 'none' ? 'The endpoint is set up without credentials: nothing to withhold' : undefined);
const isLoopback = (url: string) => /^https?:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i.test(url);

/** A wrong credential of the endpoint's own kind. */
function wrongCredential(ctx: CheckContext): { name: string; value: string } {
  switch (ctx.facts.authKind) {
    case 'basic':
      return { name: 'Authorization', value: `Basic ${base64Utf8(`${ctx.prefix}:wrong-password`)}` };
    case 'api-key':
      return { name: 'Authorization', value: `Bearer ${ctx.prefix}-wrong` };
    default:
      return { name: 'Authorization', value: `Bearer ${ctx.prefix}-not-a-valid-token` };
  }
}

const usersPath = (ctx: CheckContext) => `${ctx.facts.userType?.endpoint ?? '/Users'}?count=1`;

const limited: Requirement = (facts) =>
  facts.limitedCredential
    ? undefined
    : 'No limited credential was given: Sec04 needs a second credential the server accepts but does not let write (a read-only token), e.g. --limited-bearer-env NAME';

const FORBIDDEN_FIX = 'RFC 7644 §3.12: 401 means the caller is not authenticated; a caller who is authenticated but not permitted gets 403 Forbidden, with a SCIM Error body.';

/** 403 is the answer; the body should be a SCIM Error. */
function forbidden(response: ScimResponse, what: string) {
  if (!isScimError(response.json)) return warn(`${what} answered 403, but the body is not a SCIM Error`, { actual: describe(response), fix: FORBIDDEN_FIX });
  return pass(`${what} answered 403 with a SCIM Error`);
}

const STACK = /(\bat [\w.$<>]+ ?\([^)]*:\d+|Traceback \(most recent|\.(java|py|cs|rb|go|js|ts):\d+|\bnode_modules\b|\bSQLSTATE\b|\bException in thread\b|System\.[A-Z]\w+Exception|\bstack ?trace\b)/i;

/** Auth and security (RFC 7644 §2, §7; RFC 9110 §11; RFC 6750). */
export const authChecks: CheckDefinition[] = [
  {
    id: 'Sec01',
    mutates: false,
    requires: authenticated,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: usersPath(ctx), auth: 'none' });
      if (response.status === 401) return pass('A request without credentials answered 401');
      return fail(`A request without credentials answered ${response.status}`, { expected: '401', actual: describe(response), fix: 'Refuse unauthenticated requests with 401 (RFC 7644 §2, §3.12).' });
    },
  },
  {
    id: 'Sec02',
    mutates: false,
    requires: authenticated,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: usersPath(ctx), auth: wrongCredential(ctx) });
      if (response.status !== 401) return fail(`A wrong credential answered ${response.status}`, { expected: '401 with a SCIM Error', actual: describe(response), fix: 'Refuse a wrong credential with 401 (RFC 7644 §3.12).' });
      if (!isScimError(response.json)) return warn('The 401 for a wrong credential is not a SCIM Error', { actual: describe(response), fix: 'Answer 401 with a SCIM Error body (RFC 7644 §3.12); Okta\'s SPEC test checks it.' });
      return pass('A wrong credential answered 401 with a SCIM Error');
    },
  },
  {
    id: 'Sec03',
    mutates: false,
    requires: authenticated,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'GET', path: usersPath(ctx), auth: 'none' });
      if (response.status !== 401) return skip(`The request without credentials answered ${response.status} (see Sec01)`);
      const challenge = header(response, 'www-authenticate');
      if (!challenge) return fail('A 401 answer has no WWW-Authenticate header', { actual: describe(response), fix: 'RFC 9110 §11.6.1: a 401 MUST carry WWW-Authenticate with a challenge, e.g. Bearer realm="scim" (RFC 6750 §3).' });
      return pass(`401 carries WWW-Authenticate: ${challenge}`);
    },
  },
  {
    id: 'Sec04',
    // a create with the limited credential, which the server is expected to refuse
    mutates: true,
    requires: all(authenticated, limited),
    async run(ctx) {
      const read = await ctx.client.send({ method: 'GET', path: usersPath(ctx), auth: 'limited' });
      if (read.status === 403) return forbidden(read, 'A read with the limited credential');
      if (read.status === 401) return skip('The limited credential was refused as unauthenticated (401) even for a read: give a credential the server accepts, without write permission');
      if (read.status < 200 || read.status >= 300) return fail(`A read with the limited credential answered ${read.status || 'nothing'}`, { expected: '200 (an authenticated read) or 403', actual: describe(read), fix: FORBIDDEN_FIX });
      const endpoint = ctx.facts.userType?.endpoint ?? '/Users';
      const create = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody(), auth: 'limited' });
      trackIfCreated(ctx, endpoint, create);
      const what = `A create with the limited credential (its read answered ${read.status})`;
      if (create.status === 403) return forbidden(create, what);
      if (create.status === 401) return fail(`${what} answered 401: the caller is authenticated, so the refusal is 403`, { expected: '403', actual: describe(create), fix: FORBIDDEN_FIX });
      if (create.status >= 200 && create.status < 300) return skip(`The limited credential may create users (${create.status}): Sec04 needs one the server does not let write`);
      return fail(`${what} answered ${create.status}`, { expected: '403', actual: describe(create), fix: FORBIDDEN_FIX });
    },
  },
  {
    id: 'Sec05',
    observe(observed, facts) {
      if (facts.authKind === 'none') return skip('The endpoint is set up without credentials');
      const echoed = observed.filter((o) => facts.containsCredential(o.response.text) || o.response.headers.some(([name, value]) => name.toLowerCase() !== 'authorization' && facts.containsCredential(value)));
      if (echoed.length) return { ...fail(`${echoed.length} answer(s) echoed the credential`, { fix: 'Never return the client\'s credential in a body, header or error detail (RFC 7644 §7.4).' }), exchanges: evidence(echoed.map((o) => o.response.exchangeId)) };
      return pass(`No answer of ${observed.length} echoed the credential`);
    },
  },
  {
    id: 'Sec06',
    mutates: false,
    async run(ctx) {
      const response = ctx.facts.discovery.serviceProviderConfig;
      ctx.client.cite(response);
      if (!/^https:/i.test(ctx.facts.baseUrl)) return isLoopback(ctx.facts.baseUrl) ? skip('The endpoint is plain http on this machine: TLS does not apply') : fail(`The endpoint is plain http: ${ctx.facts.baseUrl}`, { fix: 'Serve SCIM over TLS 1.2 or later with a valid certificate (RFC 7644 §7.2; Entra ID requires it).' });
      const protocol = response.tls?.protocol;
      if (response.tls?.verificationDisabled) return warn(`TLS ${protocol ?? ''} — but certificate verification is turned off for this endpoint, so the certificate was not judged`.replace('  ', ' '), { fix: 'Turn verification on for this endpoint to judge the certificate; Entra ID requires a publicly trusted one.' });
      if (protocol && !/TLSv1\.[23]/.test(protocol)) return fail(`The connection used ${protocol}`, { expected: 'TLS 1.2 or 1.3', fix: 'Disable TLS below 1.2 (RFC 7644 §7.2 requires TLS; Entra ID needs 1.2+).' });
      return pass(`TLS${protocol ? ` ${protocol}` : ''} with a certificate the app verified`);
    },
  },
  {
    id: 'Sec07',
    mutates: false,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.serviceProviderConfig);
      if (/^https:/i.test(ctx.facts.baseUrl)) return pass('The endpoint is https: credentials never travel in clear');
      if (isLoopback(ctx.facts.baseUrl)) return skip('Plain http on this machine (loopback): not exposed on a network');
      return fail(`Credentials are sent in clear to ${ctx.facts.baseUrl}`, { fix: 'Refuse plain http (or redirect to https) for anything but loopback (RFC 7644 §7.2).' });
    },
  },
  {
    id: 'Sec08',
    observe(observed) {
      const leaks = observed.filter((o) => o.response.status > 0 && /"password"\s*:/i.test(o.response.text));
      if (leaks.length) return { ...fail(`${leaks.length} answer(s) hold a "password" member`, { fix: 'password has returned "never" (RFC 7643 §7): leave it out of every answer, lists, Bulk results and errors included (RFC 7644 §7.7).' }), exchanges: evidence(leaks.map((o) => o.response.exchangeId)) };
      return pass(`No answer of ${observed.length} held a password`);
    },
  },
  {
    id: 'Sec09',
    observe(observed) {
      const errors = observed.filter((o) => o.response.status >= 400);
      if (errors.length === 0) return skip('No error answer was seen in this run');
      const leaky = errors.filter((o) => STACK.test(o.response.text));
      if (leaky.length) return { ...fail(`${leaky.length} error answer(s) show a stack trace or internals: "${STACK.exec(leaky[0]!.response.text)?.[0]}"`, { fix: 'Keep stack traces and internal details in the server log; the detail says what the client did wrong (RFC 7644 §7).' }), exchanges: evidence(leaky.map((o) => o.response.exchangeId)) };
      return pass(`No stack trace or internal detail in ${errors.length} error answers`);
    },
  },
  {
    id: 'Sec10',
    observe(observed) {
      const throttled = observed.filter((o) => o.response.status === 429);
      if (throttled.length === 0) return skip('The server did not throttle (429) during this run');
      const bare = throttled.filter((o) => !header(o.response, 'retry-after'));
      if (bare.length) return { ...fail(`${bare.length} of ${throttled.length} 429 answers had no Retry-After`, { fix: 'Send Retry-After with 429 (RFC 6585 §4): Entra ID backs off by it.' }), exchanges: evidence(bare.map((o) => o.response.exchangeId)) };
      return { ...pass(`All ${throttled.length} 429 answers carried Retry-After`), exchanges: evidence(throttled.map((o) => o.response.exchangeId)) };
    },
  },
  {
    id: 'Sec11',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const response = await ctx.client.send({ method: 'POST', path: `${ctx.facts.userType!.endpoint}/.search`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `userName eq ${literal(`${ctx.prefix}-nobody`)}`, startIndex: 1, count: 1 } });
      if (response.status === 200) return pass('A filter with personal data can be sent in a POST /.search body instead of the URL');
      return warn(`POST /.search answered ${response.status}`, { actual: describe(response), fix: 'Support POST /.search so filters holding personal data stay out of URLs and logs (RFC 7644 §7.5.2, §3.4.3).' });
    },
  },
  {
    id: 'Sec12',
    mutates: false,
    async run(ctx) {
      const answers: ScimResponse[] = [];
      for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) answers.push(await ctx.client.send({ method: 'GET', path, auth: 'none' }));
      const open = answers.filter((a) => a.status === 200).map((a) => a.path);
      const closed = answers.filter((a) => a.status === 401 || a.status === 403).map((a) => a.path);
      const odd = answers.filter((a) => a.status !== 200 && a.status !== 401 && a.status !== 403);
      if (odd.length) return warn(`Discovery without credentials answered ${odd.map((a) => `${a.path} ${a.status}`).join(', ')}`, { fix: 'Discovery endpoints answer 200 (anonymous) or 401 (RFC 7644 §4 lets you choose).' });
      return pass(`Discovery without credentials: ${open.length ? `anonymous for ${open.join(', ')}` : ''}${open.length && closed.length ? '; ' : ''}${closed.length ? `authentication required for ${closed.join(', ')}` : ''}`);
    },
  },
];
