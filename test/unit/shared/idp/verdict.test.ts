import { describe, expect, it } from 'vitest';
import { compileRows, defaultMappings, explainRequest, judgeRate, judgeStep, profileById, type Answer, type PlannedRequest } from '@shared/idp';

const entra = profileById('entra');
const okta = profileById('okta');
const json = (status: number, body?: unknown, headers: [string, string][] = [['Content-Type', 'application/scim+json']]): Answer => ({ status, headers, body, text: body === undefined ? '' : JSON.stringify(body), durationMs: 3 });
const list = (resources: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: resources.length, Resources: resources });
const judge = (idp: 'entra' | 'okta', planned: PlannedRequest, answer: Answer, extra: { attempt?: number } = {}) => judgeStep({ profile: idp, idp, planned, answer, ...extra });

describe('how the IdP reads an answer', () => {
  it('a query that finds nothing: 200 + empty ListResponse passes; 404 fails for Entra, is tolerated and flagged for Okta', () => {
    expect(judge('entra', entra.matchUser('userName', 'a@b'), json(200, list([])))).toMatchObject({ status: 'pass', next: 'Entra creates it.', found: { count: 0 } });
    const entra404 = judge('entra', entra.matchUser('userName', 'a@b'), json(404, { detail: 'not found' }));
    expect(entra404).toMatchObject({ status: 'fail', fix: expect.stringContaining('200 and {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0') });
    expect(judge('okta', okta.matchUser('userName', 'a@b'), json(404, {}))).toMatchObject({ status: 'warn', next: 'Okta creates the user.' });
  });

  it('two matches fail; a string totalResults and a missing scim+json content type are flagged', () => {
    expect(judge('entra', entra.matchUser('userName', 'a@b'), json(200, list([{ id: '1', userName: 'a@b' }, { id: '2', userName: 'a@b' }])))).toMatchObject({ status: 'fail', log: '2 objects match' });
    const odd = judge('okta', okta.matchUser('userName', 'a@b'), json(200, { ...list([{ id: '1', userName: 'a@b' }]), totalResults: '1' }, [['content-type', 'application/json']]));
    expect(odd.status).toBe('warn');
    expect(odd.notes?.join(' ')).toMatch(/not an integer.*Content-Type is "application\/json"/s);
  });

  it('Test Connection: a random GUID must not match anything', () => {
    const [users] = entra.testConnection('userName', { baseUrl: 'x', random: Math.random });
    expect(judge('entra', users!, json(200, list([{ id: '1' }])))).toMatchObject({ status: 'fail', why: 'the filter is ignored' });
    expect(judge('entra', users!, json(200, list([])))).toMatchObject({ status: 'pass', log: 'Test connection succeeded' });
  });

  it('a create must return the id: Okta says "Create new user returned empty user."; 200 instead of 201 is flagged', () => {
    const rows = compileRows(defaultMappings('okta').user, 'user');
    const planned = okta.createUser([{ row: rows[0]!, value: 'u@x' }], { id: 's', assigned: true, softDeleted: false, attributes: {} }, { baseUrl: '', random: Math.random });
    expect(judge('okta', planned, json(201))).toMatchObject({ status: 'fail', log: 'Create new user returned empty user.' });
    expect(judge('okta', planned, json(200, { id: 'n', userName: 'u@x' }))).toMatchObject({ status: 'warn', found: { id: 'n' }, notes: ['A create is answered 201 Created (RFC 7644 §3.3), not 200.'] });
    expect(judge('okta', planned, json(409, { detail: 'exists' }))).toMatchObject({ status: 'fail', next: expect.stringContaining('stops the provisioning job') });
  });

  it('a 200 whose returned resource does not show the change fails: the IdP would believe it', () => {
    const rows = compileRows(defaultMappings('entra').user, 'user');
    const title = rows.find((r) => r.row.target === 'title')!;
    const [planned] = entra.updateUser('u1', [{ row: title, value: 'Lead', current: 'Engineer' }], undefined);
    const verdict = judge('entra', planned!, json(200, { id: 'u1', title: 'Engineer' }));
    expect(verdict).toMatchObject({ status: 'fail', log: 'Entra logs success (200), but the change did not happen', why: expect.stringContaining('title: sent "Lead", the answer shows "Engineer"') });
    expect(judge('entra', planned!, json(204))).toMatchObject({ status: 'pass' });
  });

  it('429: sent again after Retry-After, up to a limit; 401 quarantines; no answer explains reachability', () => {
    const planned = entra.getUser('u1');
    expect(judge('entra', planned, json(429, undefined, [['Retry-After', '2']]))).toMatchObject({ status: 'warn', retryAfterMs: 2000, next: expect.stringContaining('after 2 s, as Retry-After asks') });
    expect(judge('entra', planned, json(429), { attempt: 3 })).toMatchObject({ status: 'fail' });
    expect(judge('entra', planned, json(401, { detail: 'bad token' }))).toMatchObject({ status: 'fail', next: expect.stringContaining('quarantine') });
    expect(judge('entra', planned, { headers: [], text: '', durationMs: 1, error: { kind: 'connect', message: 'ECONNREFUSED' } })).toMatchObject({ status: 'fail', log: 'No answer from the app: ECONNREFUSED' });
  });

  it('a disabled user that the next query no longer finds fails En20', () => {
    const planned: PlannedRequest = { ...entra.matchUser('userName', 'a@b'), kind: 'confirm-soft-delete' };
    expect(judge('entra', planned, json(200, list([])))).toMatchObject({ status: 'fail', fix: expect.stringContaining('Keep returning a soft-deleted user') });
  });
});

describe('why a server rejected a request', () => {
  it("names each departure of Entra's default shapes with its fix", () => {
    const disable = entra.setActive('u1', false, undefined);
    expect(explainRequest(disable.request, 'entra').map((d) => d.code)).toEqual(['op-case', 'string-boolean']);
    const remove = entra.membership('g1', 'G', [], [{ value: 'u1' }], [], 10)[0]!;
    const [departure] = explainRequest(remove.request, 'entra', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'G', members: [{ value: 'u1' }] }).filter((d) => d.code === 'remove-with-value');
    expect(departure?.fix).toContain('removing the listed members');
    expect(explainRequest(profileById('entra-flag').setActive('u1', false, undefined).request, 'entra')).toEqual([]);
  });
});

describe('profile data', () => {
  it('every profile says, in words, how its IdP reads answers, and cites its sources', async () => {
    const { profileInfos } = await import('@shared/idp');
    const infos = profileInfos();
    expect(infos.map((p) => p.id)).toEqual(['entra', 'entra-flag', 'okta', 'okta-put']);
    for (const p of infos) {
      expect(Object.values(p.reads).every((text) => text.length > 40)).toBe(true);
      expect(p.sources.every((s) => s.provenance === 'documented' && s.cite.length > 10)).toBe(true);
    }
    expect(infos.find((p) => p.id === 'entra')!.reads.retries).toContain('Retry-After');
    expect(infos.find((p) => p.id === 'okta')!.reads.notFound).toContain('404');
  });
});

describe('judgeRate: the Entra gallery rate, one rule for the simulator report and the En22 check', () => {
  it('passes at 25/s without refusals, warns below it, fails on throttling or errors', () => {
    expect(judgeRate({ requests: 50, achievedRate: 25.4, throttled: 0, errors: 0, p95Ms: 3 })).toEqual({ status: 'pass', detail: '50 requests at 25.4/s (p95 3 ms); the Entra gallery asks for at least 25 requests/s per tenant' });
    expect(judgeRate({ requests: 50, achievedRate: 23.8, throttled: 0, errors: 0, p95Ms: 40 }).status).toBe('pass');
    const slow = judgeRate({ requests: 50, achievedRate: 12, throttled: 0, errors: 0, p95Ms: 900 });
    expect(slow).toMatchObject({ status: 'warn', detail: expect.stringContaining('below the 25 requests/s') });
    const throttled = judgeRate({ requests: 50, achievedRate: 25, throttled: 3, errors: 1, p95Ms: 5 });
    expect(throttled.status).toBe('fail');
    expect(throttled.detail).toContain('3 answered 429, 1 answered 5xx or not at all');
    expect(throttled.fix).toContain('answer 429 with Retry-After');
  });
});
