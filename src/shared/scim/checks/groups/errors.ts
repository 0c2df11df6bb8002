import { URN } from '../../urns';
import { needs } from '../preconditions';
import { errorAnswers, evidence, observeCodes } from '../response/observe';
import { describe, header, isScimError, mediaType, q, scimTypeOf } from '../responses';
import type { CheckDefinition, ScimRequest, ScimResponse } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { trackIfCreated } from './resource-support';

/** The scimType RFC 7644 §3.12 (Table 9) gives each negative case the catalogue's checks provoke. */
const EXPECTED_SCIM_TYPE: Readonly<Record<string, readonly string[]>> = {
  C06: ['uniqueness'],
  C07: ['uniqueness'],
  C08: ['invalidValue'],
  C09: ['invalidSyntax'],
  X15: ['noTarget'],
  X17: ['noTarget'],
  X18: ['invalidPath'],
  X19: ['mutability'],
  X20: ['mutability'],
  U05: ['mutability'],
  F29: ['invalidFilter'],
  F15: ['invalidFilter'],
  Q04: ['invalidFilter'],
  K10: ['invalidCursor'],
  K11: ['expiredCursor'],
  K12: ['invalidCount'],
};

const VERSIONED = /\/v\d+(\/|$)/i;

/** `https://host:port` and the path of a base URL. */
function splitBase(url: string): { origin: string; path: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)([^?#]*)/i.exec(url);
  return { origin: match?.[1] ?? url, path: match?.[2] ?? '' };
}

/** Requests every server must survive without a 5xx: each is a client mistake (RFC 7644 §3.12). */
function fuzzRequests(users: string, prefix: string): ScimRequest[] {
  return [
    { method: 'POST', path: users, rawBody: '{"schemas": [' },
    { method: 'POST', path: users, rawBody: '[1, 2, 3]' },
    { method: 'POST', path: users, rawBody: 'null' },
    { method: 'POST', path: users, body: { schemas: [URN.user], userName: { nested: true } } },
    { method: 'POST', path: users, body: { schemas: [URN.user], userName: `${prefix}-fuzz`, emails: 'not-an-array' } },
    { method: 'POST', path: users, rawBody: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"\u0000"}' },
    { method: 'GET', path: `${users}?filter=${q('userName eq')}` },
    { method: 'GET', path: `${users}?filter=${q('((((userName eq "a"')}` },
    { method: 'GET', path: `${users}?filter=${q('emails[type eq "work" and value co "@"].value pr')}` },
    { method: 'GET', path: `${users}?count=abc&startIndex=-5` },
    { method: 'GET', path: `${users}?sortBy=${q('not a path!')}` },
    { method: 'GET', path: `${users}/${encodeURIComponent('../../etc/passwd')}` },
    { method: 'PATCH', path: `${users}/${prefix}-missing`, rawBody: '{"Operations": "x"}' },
  ];
}

/** Errors (RFC 7644 §3.12). */
export const errorChecks: CheckDefinition[] = [
  observeCodes('Er01', ['missingErrorSchema', 'statusMissing', 'statusNotString', 'invalidStatus', 'notObject'], { applies: (o) => o.response.status >= 400 && isScimError(o.response.json), what: 'SCIM Error answer', fix: `Errors carry "schemas": ["${URN.error}"], "status" as a string and a "detail" (RFC 7644 §3.12).` }),
  observeCodes('Er02', ['statusMismatch', 'errorWithSuccessStatus', 'errorBodyOnSuccess'], { applies: (o) => isScimError(o.response.json), what: 'SCIM Error answer', fix: 'The Error body\'s status equals the HTTP status (RFC 7644 §3.12).' }),
  {
    id: 'Er03',
    observe(observed) {
      const errors = observed.filter((o) => errorAnswers(o) && o.response.json !== undefined);
      if (errors.length === 0) return skip('No JSON error answer was seen in this run');
      const wrong = errors.filter((o) => mediaType(o.response) !== 'application/scim+json');
      if (wrong.length === 0) return pass(`All ${errors.length} JSON error answers used application/scim+json`);
      return { ...warn(`${wrong.length} of ${errors.length} error answers used ${[...new Set(wrong.map((o) => mediaType(o.response) ?? '(none)'))].join(', ')}`, { fix: 'Send errors as application/scim+json like every other answer (RFC 7644 §8.1).' }), exchanges: evidence(wrong.map((o) => o.response.exchangeId)) };
    },
  },
  observeCodes('Er04', ['unknownScimType', 'scimTypeStatusMismatch'], { applies: (o) => isScimError(o.response.json), what: 'SCIM Error answer', fix: 'scimType is one of RFC 7644 Table 9\'s keywords, spelled exactly, on the status it belongs to (most are 400; uniqueness is 409).' }),
  {
    id: 'Er05',
    observe(observed) {
      const cases = observed.filter((o) => EXPECTED_SCIM_TYPE[o.checkId] && (o.response.status === 400 || o.response.status === 409));
      if (cases.length === 0) return skip('None of the negative cases with a defined scimType was refused in this run');
      const wrong = cases.filter((o) => !EXPECTED_SCIM_TYPE[o.checkId]!.includes(scimTypeOf(o.response) ?? ''));
      const right = cases.length - wrong.length;
      if (wrong.length === 0) return { ...pass(`All ${cases.length} refusals carried the scimType RFC 7644 §3.12 names (${[...new Set(cases.map((o) => scimTypeOf(o.response)))].join(', ')})`), exchanges: evidence(cases.map((o) => o.response.exchangeId)) };
      const sample = wrong.map((o) => `${o.checkId}: ${scimTypeOf(o.response) ?? '(none)'} for ${EXPECTED_SCIM_TYPE[o.checkId]!.join('/')}`);
      return { ...warn(`${wrong.length} of ${cases.length} refusals carried another scimType (${right} right): ${sample.slice(0, 5).join('; ')}`, { fix: 'Use RFC 7644 Table 9\'s scimType for each case: invalidFilter, invalidSyntax, invalidPath, noTarget, mutability, invalidValue, uniqueness, tooMany (RFC 9865 adds invalidCursor, expiredCursor, invalidCount).' }), exchanges: evidence(wrong.map((o) => o.response.exchangeId)) };
    },
  },
  {
    id: 'Er06',
    mutates: false,
    requires: (facts) => (VERSIONED.test(splitBase(facts.baseUrl).path) ? undefined : 'The base URL carries no version segment (/v2) to ask for another version with'),
    async run(ctx) {
      const { origin, path } = splitBase(ctx.facts.baseUrl);
      const other = path.replace(VERSIONED, '/v99$1').replace(/\/+$/, '');
      const response = await ctx.client.send({ method: 'GET', path: `${origin}${other}${ctx.facts.userType?.endpoint ?? '/Users'}?count=1` });
      if (response.status === 400 && scimTypeOf(response) === 'invalidVers') return pass('A request for protocol version 99 was refused with 400 invalidVers');
      if (response.status === 404) return warn('A request for protocol version 99 answered 404', { expected: '400 with scimType invalidVers', actual: describe(response), fix: 'RFC 7644 §3.13, §3.12: answer a version you do not support with 400 "invalidVers" so a client knows why.' });
      if (response.status >= 200 && response.status < 300) return fail('A request for protocol version 99 was answered as if it were supported', { actual: describe(response), fix: 'RFC 7644 §3.13: a version the service provider does not support is refused (400 invalidVers).' });
      return (response.status >= 500 ? fail : warn)(`A request for protocol version 99 answered ${response.status}`, { expected: '400 with scimType invalidVers', actual: describe(response) });
    },
  },
  {
    id: 'Er07',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const users = ctx.facts.userType!.endpoint;
      const crashed: string[] = [];
      for (const request of fuzzRequests(users, ctx.prefix)) {
        const response = await ctx.client.send(request);
        trackIfCreated(ctx, users, response);
        if (response.status >= 500 || response.status === 0) crashed.push(describe(response));
      }
      if (crashed.length) return fail(`${crashed.length} malformed request(s) got a server error: ${crashed[0]}`, { fix: 'Validate input and answer client mistakes with 4xx and a SCIM Error (RFC 7644 §3.12); a 500 tells the IdP to retry forever.' });
      return pass(`${fuzzRequests(users, ctx.prefix).length} malformed requests (bodies, filters, paths, parameters) got no server error`);
    },
  },
  {
    id: 'Er08',
    mutates: false,
    async run(ctx) {
      const response = await ctx.client.send({ method: 'DELETE', path: '/ServiceProviderConfig' });
      if (response.status !== 405) return skip(`DELETE /ServiceProviderConfig answered ${response.status}, not 405 (D17 judges that)`);
      if (!header(response, 'allow')) return fail('A 405 answer has no Allow header', { actual: describe(response), fix: 'RFC 9110 §15.5.6: a 405 MUST carry Allow with the methods the resource supports (here GET).' });
      return pass(`405 carries Allow: ${header(response, 'allow')}`);
    },
  },
  {
    id: 'Er09',
    mutates: false,
    requires: (facts) => (!facts.features.served ? 'The ServiceProviderConfig could not be read' : !facts.features.bulk.supported || !facts.features.patch ? undefined : 'The server claims Bulk and PATCH; nothing it calls unimplemented to try'),
    async run(ctx) {
      const users = ctx.facts.userType?.endpoint ?? '/Users';
      const tries: { what: string; response: ScimResponse }[] = [];
      if (!ctx.facts.features.bulk.supported) tries.push({ what: 'POST /Bulk', response: await ctx.client.send({ method: 'POST', path: '/Bulk', body: { schemas: [URN.bulkRequest], Operations: [] } }) });
      if (!ctx.facts.features.patch) tries.push({ what: 'PATCH', response: await ctx.client.send({ method: 'PATCH', path: `${users}/${ctx.prefix}-none`, body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] } }) });
      const other = tries.filter((t) => t.response.status !== 501);
      if (other.length === 0) return pass(`${tries.map((t) => t.what).join(' and ')}, claimed unsupported, answered 501`);
      return warn(`Claimed unsupported but not answered 501: ${other.map((t) => `${t.what} → ${t.response.status}`).join(', ')}`, { actual: describe(other[0]!.response), fix: 'RFC 7644 §3.12: 501 Not Implemented for an operation the service provider does not support, as its ServiceProviderConfig says.' });
    },
  },
  {
    id: 'Er10',
    observe(observed) {
      const errors = observed.filter(errorAnswers);
      if (errors.length === 0) return skip('No error answer was seen in this run');
      const notScim = errors.filter((o) => !isScimError(o.response.json) && o.response.method !== 'HEAD' && o.response.status !== 304);
      if (notScim.length === 0) return pass(`All ${errors.length} error answers were SCIM Errors`);
      const sample = notScim[0]!.response;
      return { ...fail(`${notScim.length} of ${errors.length} error answers were not SCIM Errors; e.g. ${describe(sample)}`, { fix: 'Answer every 4xx and 5xx with a SCIM Error body (schemas, status, detail), never an HTML page or plain text (RFC 7644 §3.12).' }), exchanges: evidence(notScim.map((o) => o.response.exchangeId)) };
    },
  },
];

