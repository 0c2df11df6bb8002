import { describe, expect, it } from 'vitest';
import type { Assertion, AssertionInput } from '@shared/model/assertion';
import { Assertion as AssertionSchema } from '@shared/model/assertion';
import type { HttpExchange } from '@shared/model/exchange';
import { SchemaRegistry } from '@shared/scim';
import { valuesAt } from '../../../../src/main/services/collections/assertions/body-path';
import { evaluateAssertion, evaluateAssertions } from '../../../../src/main/services/collections/assertions/evaluate';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223',
  userName: 'bjensen',
  active: true,
  name: { givenName: 'Barbara' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915' } },
  meta: { created: '2010-01-23T04:56:22Z', version: 'W/"3694e05e9dff590"' },
  nickName: null,
};
const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, Resources: [user, { ...user, id: 'x2', userName: 'other' }] };

function exchange(status: number, headers: [string, string][] = [['Content-Type', 'application/scim+json']], total = 42): HttpExchange {
  return {
    id: 'e1',
    startedAt: new Date().toISOString(),
    request: { method: 'GET', url: 'http://127.0.0.1/Users/2819c223', headers: [] },
    response: { status, statusText: '', headers, body: { size: 1, preview: '', truncated: false } },
    timings: { total },
    redirects: [],
  };
}

const subject = (body: unknown, status = 200, findings: { severity: string; code: string; checkId?: string }[] = []) => ({
  exchange: exchange(status, [
    ['Content-Type', 'application/scim+json'],
    ['ETag', 'W/"3694e05e9dff590"'],
  ]),
  body: JSON.stringify(body),
  findings,
  registry: SchemaRegistry.core(),
});
const judge = (input: AssertionInput, body: unknown = user, status = 200) => evaluateAssertion(AssertionSchema.parse(input), subject(body, status));

describe('JSON/SCIM paths of a response body', () => {
  it('reads plain, indexed, filtered, URN-prefixed and counted paths, ignoring case', () => {
    expect(valuesAt(user, 'userName')).toEqual({ values: ['bjensen'] });
    expect(valuesAt(user, 'USERNAME')).toEqual({ values: ['bjensen'] });
    expect(valuesAt(user, '$.name.givenName')).toEqual({ values: ['Barbara'] });
    expect(valuesAt(user, 'emails[type eq "work"].value')).toEqual({ values: ['bjensen@example.com'] });
    expect(valuesAt(user, 'emails[type eq "work" and primary eq true].value')).toEqual({ values: ['bjensen@example.com'] });
    expect(valuesAt(user, 'emails[1].value')).toEqual({ values: ['babs@jensen.org'] });
    expect(valuesAt(user, 'emails.value')).toEqual({ values: ['bjensen@example.com', 'babs@jensen.org'] });
    expect(valuesAt(user, `${ENTERPRISE}:manager.value`)).toEqual({ values: ['26118915'] });
    expect(valuesAt(user, `${ENTERPRISE.toLowerCase()}:employeeNumber`)).toEqual({ values: ['701984'] });
    expect(valuesAt(list, 'Resources.length')).toEqual({ values: [2] });
    expect(valuesAt(list, 'Resources[userName eq "other"].id')).toEqual({ values: ['x2'] });
    expect(valuesAt(list, 'Resources[1].emails[type eq "home"].value')).toEqual({ values: ['babs@jensen.org'] });
    expect(valuesAt(user, 'nickName')).toEqual({ values: [] });
    expect(valuesAt(user, 'password')).toEqual({ values: [] });
    expect(valuesAt(user, 'emails[type eq "work"')).toEqual({ problem: expect.stringContaining('not closed') });
    expect(valuesAt(user, 'emails[type eq]')).toEqual({ problem: expect.stringContaining('does not parse') });
  });
});

describe('assertion operators', () => {
  it.each<[AssertionInput, boolean]>([
    [{ from: 'status', op: 'equals', value: '200' }, true],
    [{ from: 'status', op: 'notEquals', value: '200' }, false],
    [{ from: 'status', op: 'lt', value: '300' }, true],
    [{ from: 'status', op: 'lte', value: '199' }, false],
    [{ from: 'status', op: 'in', value: '200, 201' }, true],
    [{ from: 'status', op: 'in', value: '[201, 204]' }, false],
    [{ from: 'header', path: 'content-type', op: 'contains', value: 'scim+json' }, true],
    [{ from: 'header', path: 'ETag', op: 'matches', value: '^W/"' }, true],
    [{ from: 'header', path: 'Location', op: 'exists' }, false],
    [{ from: 'header', path: 'Location', op: 'absent' }, true],
    [{ from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: 'bjensen@example.com' }, true],
    [{ from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: 'babs@jensen.org' }, false],
    [{ from: 'body', path: 'emails.value', op: 'contains', value: 'jensen.org' }, true],
    [{ from: 'body', path: 'emails.value', op: 'notEquals', value: 'babs@jensen.org' }, false],
    [{ from: 'body', path: 'userName', op: 'matches', value: '/^BJ/i' }, true],
    [{ from: 'body', path: 'active', op: 'equals', value: 'true' }, true],
    [{ from: 'body', path: 'active', op: 'equals', value: 'false' }, false],
    [{ from: 'body', path: 'meta.created', op: 'gt', value: '2009-12-31T23:59:59Z' }, true],
    [{ from: 'body', path: 'meta.created', op: 'lt', value: '2010-01-01' }, false],
    [{ from: 'body', path: 'name', op: 'equals', value: '{"givenName":"Barbara"}' }, true],
    [{ from: 'body', path: 'userName', op: 'in', value: 'alice,bjensen' }, true],
    [{ from: 'body', path: 'password', op: 'absent' }, true],
    [{ from: 'body', path: 'password', op: 'exists' }, false],
    [{ from: 'body', path: 'schemas', op: 'equals', value: ENTERPRISE }, true],
    [{ from: 'time', op: 'lt', value: '1000' }, true],
    [{ from: 'time', op: 'gte', value: '1000' }, false],
  ])('%j → %s', (input, passed) => {
    expect(judge(input).passed).toBe(passed);
  });

  it('says what came back, and why a check could not be judged', () => {
    expect(judge({ from: 'body', path: 'emails[type eq "work"].value', op: 'equals', value: 'x' })).toMatchObject({ passed: false, actual: 'bjensen@example.com', value: 'x' });
    expect(judge({ from: 'body', path: 'emails.value', op: 'equals', value: 'x' }).actual).toBe('["bjensen@example.com","babs@jensen.org"]');
    expect(judge({ from: 'body', path: 'nothing', op: 'equals', value: 'x' })).toMatchObject({ passed: false, actual: '(absent)', message: 'nothing at "nothing"' });
    expect(judge({ from: 'body', path: 'userName', op: 'matches', value: '([' })).toMatchObject({ passed: false, message: expect.stringContaining('not a valid regular expression') });
    expect(judge({ from: 'body', path: 'userName', op: 'lt', value: 'abc' })).toMatchObject({ passed: false, message: expect.stringContaining('neither a number nor a dateTime') });
    const notJson = evaluateAssertion(AssertionSchema.parse({ from: 'body', path: 'id', op: 'exists' }), { ...subject(user), body: '<html>' });
    expect(notJson).toMatchObject({ passed: false, message: 'the response body is not JSON' });
    const noAnswer = evaluateAssertion(AssertionSchema.parse({ from: 'status', op: 'equals', value: '200' }), { exchange: undefined, body: undefined, findings: undefined, registry: SchemaRegistry.core() });
    expect(noAnswer).toMatchObject({ passed: false, actual: '(not available)', message: 'no response' });
  });

  it('counts SCIM check errors, all or of one check id or code', () => {
    const findings = [
      { severity: 'error', code: 'contentTypeNotScim', checkId: 'H01' },
      { severity: 'warning', code: 'locationHeaderMissing' },
      { severity: 'error', code: 'missingSchemas' },
    ];
    const scim = (input: AssertionInput) => evaluateAssertion(AssertionSchema.parse(input), subject(user, 200, findings));
    expect(scim({ from: 'scim', op: 'equals', value: '0' })).toMatchObject({ passed: false, actual: '2' });
    expect(scim({ from: 'scim', path: 'h01', op: 'equals', value: '1' }).passed).toBe(true);
    expect(scim({ from: 'scim', path: 'locationHeaderMissing', op: 'equals', value: '0' }).passed).toBe(true);
  });

  it('no enabled assertion: the default, status below 400, marked as such', () => {
    const disabled: Assertion[] = [AssertionSchema.parse({ from: 'status', op: 'equals', value: '500', enabled: false })];
    expect(evaluateAssertions(disabled, subject(user, 404))).toEqual([{ from: 'status', path: '', op: 'lt', value: '400', passed: false, actual: '404', implicit: true }]);
    expect(evaluateAssertions([], subject(user, 204))[0]).toMatchObject({ passed: true, implicit: true });
    expect(evaluateAssertions(disabled.map((a) => ({ ...a, enabled: true })), subject(user, 500))).toEqual([{ from: 'status', path: '', op: 'equals', value: '500', passed: true, actual: '500' }]);
  });
});

describe('credentials in assertions', () => {
  it('judges a password or a credential header like any value, and never shows it', () => {
    const body = { ...user, password: 'hunter2-Secret!' };
    const passwordSeen = judge({ from: 'body', path: 'password', op: 'equals', value: 'wrong' }, body);
    expect(passwordSeen).toMatchObject({ passed: false, actual: '[REDACTED]' });
    expect(judge({ from: 'body', path: 'password', op: 'absent' }, body)).toMatchObject({ passed: false, actual: '[REDACTED]' });
    const withCookie = evaluateAssertion(AssertionSchema.parse({ from: 'header', path: 'Set-Cookie', op: 'contains', value: 'sid=' }), {
      ...subject(user),
      exchange: exchange(200, [['Set-Cookie', 'sid=abcdef0123456789']]),
    });
    expect(withCookie).toMatchObject({ passed: true, actual: '[REDACTED]' });
  });
});
