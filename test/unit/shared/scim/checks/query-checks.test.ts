import { describe, expect, it } from 'vitest';
import { coreResourceTypes, coreSchemas, URN } from '@shared/scim';
import { CHECKS } from '@shared/scim/checks';
import { buildFacts } from '@shared/scim/checks/facts';
import type { CheckContext, CheckVerdict, CreatedResource, ScimRequest, ScimResponse, ScenarioCheck } from '@shared/scim/checks/types';
import { VerdictThrown } from '@shared/scim/checks/verdicts';

/**
 * The checks whose situation no server at hand shows (a server that does not claim sorting, a schema
 * with returned "request" attributes, cursors without the SPC saying so), judged over canned answers.
 */

let counter = 0;
function answer(request: ScimRequest, status: number, json?: unknown): ScimResponse {
  const text = json === undefined ? '' : JSON.stringify(json);
  return { exchangeId: `x${++counter}`, method: request.method, path: request.path, status, headers: [['content-type', 'application/scim+json']], text, json, durationMs: 0, redirects: [], request: { headers: [] } };
}

const list = (resources: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [URN.listResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources, ...extra });
const get = (path: string): ScimRequest => ({ method: 'GET', path });

function facts(spc: Record<string, unknown>, schemas = coreSchemas) {
  return buildFacts('http://server.test/scim', {
    serviceProviderConfig: answer(get('/ServiceProviderConfig'), 200, { schemas: [URN.serviceProviderConfig], filter: { supported: true }, ...spc }),
    resourceTypes: answer(get('/ResourceTypes'), 200, list(coreResourceTypes.map((rt) => ({ schemas: [URN.resourceType], ...rt })))),
    schemas: answer(get('/Schemas'), 200, list(schemas.map((s) => ({ schemas: [URN.schema], ...s })))),
  });
}

const user = (id: string, resource: Record<string, unknown>): CreatedResource => ({ endpoint: '/Users', id, resource: { id, schemas: [URN.user], ...resource }, sent: resource, response: answer(get('/Users'), 201, resource) });

function context(spc: Record<string, unknown>, handle: (request: ScimRequest) => ScimResponse, schemas = coreSchemas): CheckContext & { sent: ScimRequest[] } {
  const sent: ScimRequest[] = [];
  const users = ['a', 'b', 'c', 'd', 'e'].map((k) => user(`id-${k}`, { userName: `run-shared-${k}`, nickName: `nick-${k}` }));
  return {
    sent,
    facts: facts(spc, schemas),
    profile: 'rfc',
    readOnly: false,
    prefix: 'run',
    signal: { aborted: false },
    sleep: () => Promise.resolve(),
    client: {
      send: (request) => {
        sent.push(request);
        return Promise.resolve(handle(request));
      },
      cite: () => undefined,
    },
    fixtures: {
      uniqueName: (label) => `run-${label}`,
      userBody: (o) => ({ ...o }),
      groupBody: (o) => ({ ...o }),
      createUser: () => Promise.reject(new Error('not in this test')),
      createGroup: () => Promise.reject(new Error('not in this test')),
      track: () => undefined,
      untrack: () => undefined,
      sharedUsers: () => Promise.resolve({ created: true, prefix: 'run-shared-', users }),
    },
  };
}

async function judge(id: string, ctx: CheckContext): Promise<CheckVerdict> {
  const check = CHECKS.find((c) => c.id === id) as ScenarioCheck;
  const reason = check.requires?.(ctx.facts, ctx.profile);
  if (reason !== undefined) return { status: 'skip', detail: reason };
  try {
    return await check.run(ctx);
  } catch (thrown) {
    if (thrown instanceof VerdictThrown) return thrown.verdict;
    throw thrown;
  }
}

describe('S07: sortBy on a server that does not claim sorting', () => {
  const spc = { sort: { supported: false } };
  it('ignoring it or refusing it with a SCIM error both pass', async () => {
    expect((await judge('S07', context(spc, (r) => answer(r, 200, list([]))))).status).toBe('pass');
    expect((await judge('S07', context(spc, (r) => answer(r, 400, { schemas: [URN.error], status: '400' })))).status).toBe('pass');
    expect((await judge('S07', context(spc, (r) => answer(r, 501, { schemas: [URN.error], status: '501' })))).status).toBe('pass');
  });
  it('a server error fails', async () => {
    expect(await judge('S07', context(spc, (r) => answer(r, 500, { schemas: [URN.error], status: '500' })))).toMatchObject({ status: 'fail', fix: expect.stringMatching(/§3\.4\.2/) });
  });
  it('is skipped for a server that claims sorting', async () => {
    expect(await judge('S07', context({ sort: { supported: true } }, (r) => answer(r, 200, list([]))))).toMatchObject({ status: 'skip', detail: expect.stringMatching(/claims sorting/) });
  });
});

describe('A07: returned "request" attributes', () => {
  // the server's schema marks nickName returned "request"
  const schemas = coreSchemas.map((s) => (s.id === URN.user ? { ...s, attributes: s.attributes.map((a) => (a.name === 'nickName' ? { ...a, returned: 'request' as const } : a)) } : s));
  const respond = (withNickName: boolean) => (r: ScimRequest) => answer(r, 200, { schemas: [URN.user], id: 'id-c', userName: 'run-shared-c', ...(withNickName || r.path.includes('attributes=') ? { nickName: 'nick-c' } : {}) });
  it('passes when the attribute comes only when asked for', async () => {
    const ctx = context({}, respond(false), schemas);
    expect(await judge('A07', ctx)).toMatchObject({ status: 'pass', detail: expect.stringMatching(/nickName/) });
    expect(ctx.sent.map((r) => r.path)).toEqual(['/Users/id-c', '/Users/id-c?attributes=nickName']);
  });
  it('fails when it comes by default', async () => {
    expect(await judge('A07', context({}, respond(true), schemas))).toMatchObject({ status: 'fail', detail: expect.stringMatching(/without being asked: nickName/) });
  });
});

describe('K01: cursor paging advertised before the cursor checks run', () => {
  const page = (next?: string) => (r: ScimRequest) => answer(r, 200, list([{ id: 'id-a' }, { id: 'id-b' }], next ? { nextCursor: next } : {}));
  it('warns when the server pages by cursor without advertising it', async () => {
    expect(await judge('K01', context({}, page('abc')))).toMatchObject({ status: 'warn', fix: expect.stringMatching(/RFC 9865 §4/) });
  });
  it('skips when the server neither advertises nor does it', async () => {
    expect((await judge('K01', context({}, page()))).status).toBe('skip');
  });
  it('passes, without a request, when the ServiceProviderConfig claims it', async () => {
    const ctx = context({ pagination: { cursor: true, index: false } }, page('abc'));
    expect((await judge('K01', ctx)).status).toBe('pass');
    expect(ctx.sent).toEqual([]);
  });
});

describe('K17 and K07 over canned cursor pages', () => {
  const spc = { pagination: { cursor: true, index: true, defaultPaginationMethod: 'cursor' } };
  it('K17 fails when the advertised default is cursor but a plain query gets no nextCursor', async () => {
    expect(await judge('K17', context(spc, (r) => answer(r, 200, list([{ id: 'id-a' }, { id: 'id-b' }], { totalResults: 5 }))))).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no nextCursor/) });
  });
  it('K07 fails on an empty-string nextCursor and reads null as absent', async () => {
    const pages = (empty: '' | null) => (r: ScimRequest) => (r.path.includes('cursor=next') ? answer(r, 200, list([{ id: 'id-c' }], { nextCursor: empty })) : answer(r, 200, list([{ id: 'id-a' }, { id: 'id-b' }], { nextCursor: 'next' })));
    expect(await judge('K07', context(spc, pages('')))).toMatchObject({ status: 'fail', detail: expect.stringMatching(/nextCursor "" on page 2/) });
    expect(await judge('K07', context(spc, pages(null)))).toMatchObject({ status: 'pass', detail: expect.stringMatching(/1 null, read as absent/) });
  });
});
