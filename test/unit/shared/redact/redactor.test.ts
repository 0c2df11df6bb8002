import { describe, expect, it } from 'vitest';
import { Redactor } from '@shared/redact/redactor';
import { SecretScrubber, REDACTED } from '@shared/redact/secret-scrubber';
import { filterComparisons } from '@shared/redact/filter-values';
import { PersonalDataPaths, attributeSegments, OFFERED_PERSONAL_DATA_PATHS } from '@shared/redact/attribute-paths';

const TOKEN = 'tok-canary-8b1f2e77d0c4';

function scrubber(): SecretScrubber {
  const s = new SecretScrubber();
  s.add(TOKEN);
  return s;
}

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  id: '2819c223',
  userName: 'Barbara.Jensen@example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' },
  displayName: 'Babs Jensen',
  password: 'hunter2-secret',
  emails: [
    { value: 'barbara.jensen@example.com', type: 'work', primary: true },
    { value: 'babs@home.example.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
  addresses: [{ streetAddress: '100 Universal City Plaza', locality: 'Hollywood', type: 'work', primary: true }],
  active: true,
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Tour Operations', manager: { displayName: 'John Smith' } },
};

describe('attribute paths', () => {
  it('drops schema URNs, filters and indices', () => {
    expect(attributeSegments('emails[type eq "work"].value')).toEqual(['emails', 'value']);
    expect(attributeSegments('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName')).toEqual(['name', 'givenName']);
    expect(attributeSegments('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User')).toEqual([]);
    expect(attributeSegments('emails[value eq "a]b"].value')).toEqual(['emails', 'value']);
  });

  it('matches a ticked path and its sub-attributes, case-insensitively, but not descriptive ones', () => {
    const paths = new PersonalDataPaths(['name', 'emails.value', 'addresses']);
    expect(paths.match(['Name', 'GivenName'])).toBe('name');
    expect(paths.match(['emails', 'value'])).toBe('emails.value');
    expect(paths.match(['emails', 'type'])).toBeUndefined();
    expect(paths.match(['addresses', 'type'])).toBeUndefined();
    expect(paths.match(['addresses', 'locality'])).toBe('addresses');
    expect(paths.match(['userName'])).toBeUndefined();
    expect(paths.match(['password'])).toBe('password');
  });
});

describe('filter comparisons', () => {
  it('finds compared values with their attribute, inside brackets too', () => {
    expect(filterComparisons('emails[type eq "work" and value eq "a@b.c"] or userName sw "J\\"x"')).toEqual([
      { segments: ['emails', 'type'], value: 'work' },
      { segments: ['emails', 'value'], value: 'a@b.c' },
      { segments: ['userName'], value: 'J"x' },
    ]);
  });

  it('gives what it can from malformed text', () => {
    expect(filterComparisons('emails.value eq "x@y.z" and ((( name')).toEqual([{ segments: ['emails', 'value'], value: 'x@y.z' }]);
    expect(filterComparisons('')).toEqual([]);
  });
});

describe('Redactor', () => {
  it('replaces secret headers, keeping the auth scheme, and the endpoint API-key header', () => {
    const r = new Redactor(scrubber(), { secretHeaders: ['X-Tenant-Key'] });
    const out = r.redactHeaders([
      ['Authorization', `Bearer ${TOKEN}`],
      ['Cookie', 'session=abc'],
      ['X-Tenant-Key', 'k-123456'],
      ['X-Echo', `token is ${TOKEN}`],
      ['Accept', 'application/scim+json'],
    ]);
    expect(out).toEqual([
      ['Authorization', `Bearer ${REDACTED}`],
      ['Cookie', REDACTED],
      ['X-Tenant-Key', REDACTED],
      ['X-Echo', `token is ${REDACTED}`],
      ['Accept', 'application/scim+json'],
    ]);
    expect(r.preview().secretHeaders).toEqual([
      { name: 'authorization', count: 1 },
      { name: 'cookie', count: 1 },
      { name: 'x-tenant-key', count: 1 },
    ]);
    expect(r.preview().secretValues).toBe(1);
  });

  it('replaces a known secret in a URL in any spelling, and user info', () => {
    const r = new Redactor(scrubber());
    const url = `https://admin:pw@host.example/scim/Users?access_token=${encodeURIComponent(TOKEN)}&q=${TOKEN}`;
    const out = r.redactUrl(url);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('admin:pw');
    expect(out.startsWith('https://')).toBe(true);
    expect(out).toContain('host.example/scim/Users?access_token=');
  });

  it('gives the same pseudonym to the same value in bodies, filters in URLs and other documents', () => {
    const r = new Redactor(scrubber(), { personalData: [...OFFERED_PERSONAL_DATA_PATHS] });
    const body = JSON.stringify(user, null, 2);
    const url = `/scim/Users?filter=${encodeURIComponent('emails[type eq "work" and value eq "BARBARA.JENSEN@example.com"]')}`;
    const patch = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'emails[type eq "home"].value', value: 'babs@home.example.org' },
        { op: 'add', value: { displayName: 'Babs Jensen', phoneNumbers: [{ value: '+1 555 0199', type: 'mobile' }] } },
      ],
    });
    r.observeBody(body);
    r.observeBody(patch);
    r.observeUrl(url);
    const redactedUrl = decodeURIComponent(r.redactUrl(url));
    const redactedBody = JSON.parse(r.redactBody(body)) as typeof user;
    const redactedPatch = JSON.parse(r.redactBody(patch)) as { Operations: { path?: string; value: unknown }[] };

    const work = redactedBody.emails[0]!.value;
    expect(work).toMatch(/^email-\d+@redacted\.invalid$/);
    expect(redactedUrl).toContain(`value eq "${work}"`);
    // userName holds the same email: it is replaced by the same placeholder
    expect(redactedBody.userName).toBe(work);
    const home = redactedBody.emails[1]!.value;
    expect(home).not.toBe(work);
    expect(redactedPatch.Operations[0]!.value).toBe(home);
    expect(redactedBody.displayName).toBe((redactedPatch.Operations[1]!.value as { displayName: string }).displayName);
    expect(redactedBody.name.givenName).toMatch(/^givenName-\d+$/);
    expect(redactedBody.password).toBe(REDACTED);
    expect(redactedBody.phoneNumbers[0]!.value).toMatch(/^phone-\d+$/);
    expect(redactedBody.addresses[0]!.locality).toMatch(/^locality-\d+$/);
    // descriptive sub-attributes and non-personal values stay
    expect(redactedBody.emails[0]!.type).toBe('work');
    expect(redactedBody.addresses[0]!.type).toBe('work');
    expect(redactedBody.id).toBe('2819c223');
    expect(redactedBody['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].department).toBe('Tour Operations');

    const all = [redactedUrl, JSON.stringify(redactedBody), JSON.stringify(redactedPatch)].join('\n');
    for (const original of ['barbara.jensen@example.com', 'babs@home.example.org', 'Babs Jensen', 'hunter2-secret', '+1 555 0100', 'Hollywood']) {
      expect(all.toLowerCase()).not.toContain(original.toLowerCase());
    }
    const preview = r.preview();
    const row = preview.personalData.find((p) => p.original.toLowerCase() === 'barbara.jensen@example.com')!;
    expect(row.pseudonym).toBe(work);
    expect(row.count).toBeGreaterThanOrEqual(3);
    expect(preview.alwaysRedacted).toBe(1);
    expect(preview.personalData.some((p) => p.original === 'hunter2-secret')).toBe(false);
  });

  it('leaves personal data alone when the path is not ticked, and never mangles parts of words', () => {
    const r = new Redactor(scrubber(), { personalData: ['name'] });
    const body = JSON.stringify({ name: { givenName: 'Ana' }, title: 'Banana analyst', emails: [{ value: 'ana@x.org' }] });
    r.observeBody(body);
    const out = JSON.parse(r.redactBody(body)) as { name: { givenName: string }; title: string; emails: { value: string }[] };
    expect(out.name.givenName).toBe('givenName-1');
    expect(out.title).toBe('Banana analyst');
    expect(out.emails[0]!.value).toBe('ana@x.org');
  });

  it('keeps the layout of a JSON body that needs no change and scrubs non-JSON bodies as text', () => {
    const r = new Redactor(scrubber(), { personalData: ['emails.value'] });
    const pretty = '{\n    "id": "1",\n    "active": true\n}';
    expect(r.redactBody(pretty)).toBe(pretty);
    expect(r.redactBody(`token=${TOKEN}&x=1`)).toBe(`token=${REDACTED}&x=1`);
    expect(r.redactBody('{"broken": ')).toBe('{"broken": ');
  });

  it('redacts a known secret echoed inside a JSON body', () => {
    const r = new Redactor(scrubber());
    const out = r.redactBody(JSON.stringify({ detail: `Invalid token ${TOKEN}`, [TOKEN]: 1 }));
    expect(out).not.toContain(TOKEN);
  });

  it('walks list responses and the enterprise extension', () => {
    const r = new Redactor(scrubber(), { personalData: ['displayName'] });
    const list = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [user] });
    const out = JSON.parse(r.redactBody(list)) as { Resources: (typeof user)[] };
    expect(out.Resources[0]!.displayName).toBe('displayName-1');
    // manager.displayName is a different attribute path from displayName
    expect(out.Resources[0]!['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.displayName).toBe('John Smith');
    expect(out.Resources[0]!.password).toBe(REDACTED);
  });
});
