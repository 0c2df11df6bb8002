import { describe, expect, it } from 'vitest';
import type { HttpExchange } from '@shared/model/exchange';
import { isSecretMember, isSecretParameter } from '@shared/redact/credential-names';
import { CredentialRules, credentialValues } from '@shared/redact/credential-rules';
import { redactCredentials } from '@shared/redact/credentials';
import { redactExchanges } from '@shared/redact/exchanges';
import { REDACTED, SecretScrubber } from '@shared/redact/secret-scrubber';

const b64 = (text: string) => Buffer.from(text).toString('base64');

function exchange(parts: Partial<HttpExchange['request']> & { response?: Partial<NonNullable<HttpExchange['response']>> }): HttpExchange {
  const { response, ...request } = parts;
  return {
    id: 'x',
    startedAt: '2025-01-01T00:00:00.000Z',
    request: { method: 'POST', url: 'https://scim.example/scim/Users', headers: [], ...request },
    ...(response ? { response: { status: 200, statusText: 'OK', headers: [], body: { size: 0, preview: '', truncated: false }, ...response } } : {}),
    timings: { total: 1 },
    redirects: [],
  };
}

describe('names that carry credentials', () => {
  it('knows URL parameters and form fields (RFC 6750 §2.3, OAuth, API keys) in any spelling', () => {
    for (const name of ['access_token', 'ACCESS_TOKEN', 'accessToken', 'client_secret', 'code', 'password', 'api_key', 'apikey', 'api-key', 'token', 'refresh_token', 'id_token', 'assertion', 'client_assertion', 'sig', 'key', 'SAMLResponse', 'userPassword']) {
      expect(isSecretParameter(name), name).toBe(true);
    }
    for (const name of ['filter', 'count', 'startIndex', 'attributes', 'cursor', '$skiptoken', 'pageToken', 'token_type', 'expires_in', 'scope']) expect(isSecretParameter(name), name).toBe(false);
  });

  it('knows JSON members, but not `code`, `key` or SCIM words that merely mention a password', () => {
    for (const name of ['password', 'Password', 'client_secret', 'clientSecret', 'access_token', 'refreshToken', 'authorization', 'x-api-key', 'apiKey', 'privateKey', 'passphrase', 'newPassword']) {
      expect(isSecretMember(name), name).toBe(true);
    }
    for (const name of ['code', 'key', 'name', 'passwordPolicy', 'changePassword', 'token_type', 'tokenEndpoint', 'nextPageToken', 'userName', 'scimType']) expect(isSecretMember(name), name).toBe(false);
  });
});

describe('credential rules', () => {
  it('replaces query and fragment parameters named like credentials, and user info', () => {
    const rules = new CredentialRules();
    const out = rules.url('https://me:pw-1@host.example/scim/Users?filter=userName%20eq%20%22a%22&access_token=tok%2B1&API_KEY=k#id_token=abc', 'URL');
    expect(out).toBe(`https://${REDACTED}@host.example/scim/Users?filter=userName%20eq%20%22a%22&access_token=${REDACTED}&API_KEY=${REDACTED}#id_token=${REDACTED}`);
    expect([...rules.found].sort()).toEqual(['abc', 'k', 'pw-1', 'tok+1']);
    expect(rules.replacements()).toContainEqual({ kind: 'url-parameter', name: 'access_token', where: 'URL', count: 1 });
    expect(rules.replacements()).toContainEqual({ kind: 'user-info', where: 'URL', count: 1 });
  });

  it('replaces form fields, JSON members in JSON that does not parse, escaped JSON inside JSON, XML and header lines', () => {
    const rules = new CredentialRules();
    expect(rules.body('username=bob&password=p%40ss+word&grant_type=password', 'request body', 'application/x-www-form-urlencoded')).toBe(
      `username=bob&password=${REDACTED}&grant_type=password`,
    );
    expect(rules.body('{"userName":"bob", "password" : "s3\\"cret", "note": "x",', 'request body', 'application/json')).toBe(
      `{"userName":"bob", "password" : "${REDACTED}", "note": "x",`,
    );
    expect(rules.body(JSON.stringify({ echo: '{"password":"inner-secret","a":1}' }), 'response body')).toBe(JSON.stringify({ echo: `{"password":"${REDACTED}","a":1}` }));
    expect(rules.body('<user><password>xml-secret</password><name>bob</name></user>', 'request body')).toBe(`<user><password>${REDACTED}</password><name>bob</name></user>`);
    expect(rules.body('GET / HTTP/1.1\nAuthorization: Bearer echoed-token\nAccept: */*', 'response body')).toBe(`GET / HTTP/1.1\nAuthorization: Bearer ${REDACTED}\nAccept: */*`);
    expect(rules.body('{"next":"https://x/Users?cursor=a&token=t0k3n"}', 'response body')).toBe(`{"next":"https://x/Users?cursor=a&token=${REDACTED}"}`);
    expect([...rules.found]).toEqual(expect.arrayContaining(['p@ss word', 's3"cret', 'inner-secret', 'xml-secret', 'echoed-token', 't0k3n']));
  });

  it('replaces the value of a PATCH operation whose path is a credential attribute, in any member order', () => {
    const rules = new CredentialRules();
    const patch = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', value: 'pw-in-patch-1', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password' },
        { path: 'password', op: 'add', value: 'pw-in-patch-2' },
        { op: 'replace', path: 'displayName', value: 'Babs' },
      ],
    });
    const out = rules.body(patch, 'request body');
    expect(out).not.toMatch(/pw-in-patch/);
    expect(out).toContain('"value":"Babs"');
    expect(rules.replacements()).toEqual([{ kind: 'json-member', name: 'password', where: 'request body', count: 2 }]);
  });

  it('leaves SCIM documents that only talk about passwords as they are', () => {
    const rules = new CredentialRules();
    const schema = JSON.stringify({ name: 'password', description: 'The password of the user', mutability: 'writeOnly', returned: 'never' });
    const config = JSON.stringify({ changePassword: { supported: true }, authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token' }] });
    expect(rules.body(schema, 'response body')).toBe(schema);
    expect(rules.body(config, 'response body')).toBe(config);
    expect(rules.replacements()).toEqual([]);
  });

  it('reads the values a credential header carries: after the scheme, inside Basic, each cookie', () => {
    expect(credentialValues('Authorization', `Basic ${b64('bob:pä ss')}`)).toEqual([b64('bob:pä ss'), 'bob:pä ss', 'pä ss']);
    // a credential too short to replace alone is replaced with its scheme
    expect(credentialValues('Authorization', 'Bearer abc')).toEqual(['abc', 'Bearer abc']);
    expect(credentialValues('Cookie', 'sid=abc123; theme=dark')).toEqual(['sid=abc123; theme=dark', 'abc123', 'dark']);
    expect(credentialValues('Authorization', `Bearer ${REDACTED}`)).toEqual([]);
  });
});

describe('an exchange through the credential rules', () => {
  it('replaces a typed token wherever the server echoes it, and says what it replaced where', () => {
    const typed = 'typed-token-0123456789';
    const record = {
      exchange: exchange({
        url: 'https://scim.example/scim/Users?access_token=url-token-abcdefgh',
        headers: [['Authorization', `Bearer ${typed}`], ['Content-Type', 'application/x-www-form-urlencoded']],
        body: { size: 10, preview: '', truncated: false },
        response: { headers: [['X-Echo', typed], ['Location', 'https://scim.example/x?access_token=url-token-abcdefgh']] },
      }),
      requestBody: 'user=bob&password=form-password-1234',
      responseBody: JSON.stringify({ got: `Bearer ${typed}`, url: 'url-token-abcdefgh', said: 'form-password-1234 was wrong' }),
    };
    const { record: clean, replacements } = redactCredentials(record, new SecretScrubber());
    const text = JSON.stringify(clean);
    for (const secret of [typed, 'url-token-abcdefgh', 'form-password-1234']) expect(text).not.toContain(secret);
    expect(clean.exchange.request.url).toBe(`https://scim.example/scim/Users?access_token=${REDACTED}`);
    expect(replacements).toEqual(
      expect.arrayContaining([
        { kind: 'secret-header', name: 'authorization', where: 'request headers', count: 1 },
        { kind: 'url-parameter', name: 'access_token', where: 'URL', count: 1 },
        { kind: 'form-field', name: 'password', where: 'request body', count: 1 },
        { kind: 'echoed-credential', where: 'response body', count: 3 },
        { kind: 'echoed-credential', where: 'response headers', count: 1 },
        { kind: 'text-field', name: 'access_token', where: 'response headers', count: 1 },
      ]),
    );
  });

  it('replaces the values the vault and the engine know, counted as known secrets, and credentials the engine met', () => {
    const scrubber = new SecretScrubber();
    scrubber.hold('wire:e', { wire: [`Basic ${b64('bob:password')}`, b64('bob:password')] });
    const record = {
      exchange: exchange({ url: 'https://scim.example/scim/Me', headers: [['Authorization', `Basic ${REDACTED}`]] }),
      responseBody: `you sent ${b64('bob:password')} and typed-in-header-42`,
    };
    const { record: clean, replacements } = redactCredentials(record, scrubber, { exchangeSecrets: ['typed-in-header-42'] });
    expect(clean.responseBody).toBe(`you sent ${REDACTED} and ${REDACTED}`);
    expect(replacements).toEqual([
      { kind: 'known-secret', where: 'response body', count: 1 },
      { kind: 'echoed-credential', where: 'response body', count: 1 },
    ]);
  });

  it('lists every replacement of an export in its preview', () => {
    const { preview, records } = redactExchanges(
      [{ exchange: exchange({ url: 'https://scim.example/scim/Users?client_secret=cs-0123456789' }), requestBody: '{"password":"pw-0123456789"' }],
      new SecretScrubber(),
    );
    expect(JSON.stringify(records)).not.toMatch(/cs-0123456789|pw-0123456789/);
    expect(preview.replacements).toEqual([
      { kind: 'url-parameter', name: 'client_secret', where: 'URL', count: 1 },
      { kind: 'json-member', name: 'password', where: 'request body', count: 1 },
    ]);
  });
});

describe('the cheap tests before the scans', () => {
  it('let through every name the rules match, in any case', async () => {
    const { MEMBER_STEMS, PARAMETER_STEMS, SECRET_PARAMETER_NAMES } = await import('@shared/redact/credential-names');
    const { SECRET_HEADER_NAMES } = await import('@shared/redact/headers');
    const names = [...SECRET_PARAMETER_NAMES, ...SECRET_HEADER_NAMES, 'userPassword', 'clientSecret', 'csrfToken', 'privateKey', 'passphrase', 'credentials', 'clientAssertion'];
    for (const name of names) {
      for (const spelled of [name, name.toUpperCase(), name.toLowerCase(), name[0]!.toUpperCase() + name.slice(1)]) {
        if (isSecretParameter(spelled)) expect(PARAMETER_STEMS.test(`{"${spelled}":1}`), spelled).toBe(true);
        if (isSecretMember(spelled)) expect(MEMBER_STEMS.test(`{"${spelled}":1}`), spelled).toBe(true);
      }
    }
  });
});
