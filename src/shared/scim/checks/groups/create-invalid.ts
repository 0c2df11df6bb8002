import { URN } from '../../urns';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, idOf } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, warn } from '../verdicts';
import { judgeRefusal, readBack, trackIfCreated } from './resource-support';

/** Create (RFC 7644 §3.3, §3.12): what a create must refuse, and how. */
export const createInvalidChecks: CheckDefinition[] = [
  {
    id: 'C08',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const body = ctx.fixtures.userBody();
      delete body.userName;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body });
      trackIfCreated(ctx, endpoint, response);
      return judgeRefusal(response, { what: 'A create without the required userName', scimTypes: ['invalidValue'], fix: 'userName is required (RFC 7643 §4.1.1): refuse a create without it with 400 "invalidValue" (RFC 7644 §3.12).' });
    },
  },
  {
    id: 'C09',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, rawBody: `{"schemas":["${URN.user}"],"userName":"${ctx.fixtures.uniqueName('broken')}",` });
      trackIfCreated(ctx, endpoint, response);
      return judgeRefusal(response, { what: 'A create whose body is not valid JSON', scimTypes: ['invalidSyntax'], fix: 'Refuse a body that does not parse with 400 "invalidSyntax" (RFC 7644 §3.12).' });
    },
  },
  {
    id: 'C10',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, rawBody: '', headers: { 'Content-Type': 'application/scim+json' } });
      trackIfCreated(ctx, endpoint, response);
      return judgeRefusal(response, { what: 'A create with an empty body', scimTypes: ['invalidSyntax', 'invalidValue'], fix: 'Refuse an empty create with 400 (RFC 7644 §3.12), never a server error.' });
    },
  },
  {
    id: 'C11',
    mutates: true,
    requires: all(needs.users, (facts) => (facts.registry.attribute('active', facts.userType)?.attribute.type === 'boolean' ? undefined : 'The server\'s User schema has no boolean active')),
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody({ active: 'True' }) });
      trackIfCreated(ctx, endpoint, response);
      if (response.status === 201 || response.status === 200) {
        const id = idOf(response.json);
        const stored = id ? member(await readBack(ctx, { endpoint, id, resource: {}, sent: {}, response }), 'active') : member(response.json, 'active');
        if (stored !== true) return fail(`"active": "True" was accepted and stored as ${JSON.stringify(stored)}`, { fix: 'active is a boolean (RFC 7643 §2.3.2, §4.1.1): store a JSON boolean, or refuse the string with 400 "invalidValue".' });
        return ctx.profile === 'entra'
          ? pass('"active": "True" was accepted and stored as the boolean true (what Entra ID needs)')
          : warn('"active": "True" (a string) was accepted and stored as true', { expected: '400 invalidValue in strict RFC terms', fix: 'RFC 7643 §2.3.2: a boolean is the JSON literal true or false. Accepting "True" helps Entra ID; say so in your documentation.' });
      }
      if (ctx.profile === 'entra') return fail(`"active": "True" was refused (${response.status})`, { actual: describe(response), fix: 'Entra ID sends string booleans ("True"/"False") by default: accept them as booleans.' });
      return judgeRefusal(response, { what: '"active": "True" (a string)', scimTypes: ['invalidValue'], fix: 'Refuse a wrongly typed value with 400 "invalidValue" (RFC 7644 §3.12).' });
    },
  },
  {
    id: 'C12',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const unknown = `${ctx.prefix}Unknown`;
      const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody({ [unknown]: 'x' }) });
      trackIfCreated(ctx, endpoint, response);
      if (response.status === 400) return pass(`An attribute /Schemas does not declare was refused with 400 ${String(member(response.json, 'scimType') ?? '')}`.trim());
      if (response.status !== 201 && response.status !== 200) return fail(`A create with an undeclared attribute answered ${response.status}`, { expected: '400, or 201 with the attribute ignored', actual: describe(response) });
      const id = idOf(response.json);
      const read = id ? await readBack(ctx, { endpoint, id, resource: {}, sent: {}, response }) : undefined;
      if (member(response.json, unknown) !== undefined || member(read, unknown) !== undefined) {
        return fail('An attribute /Schemas does not declare was stored and returned', { fix: 'Either declare the attribute in /Schemas or ignore/refuse it (RFC 7643 §7: resources hold only attributes of their schemas).' });
      }
      return pass('An attribute /Schemas does not declare was ignored');
    },
  },
  {
    id: 'C13',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const missing = ctx.fixtures.userBody();
      delete missing.schemas;
      const noSchemas = await ctx.client.send({ method: 'POST', path: endpoint, body: missing });
      trackIfCreated(ctx, endpoint, noSchemas);
      const wrong = await ctx.client.send({ method: 'POST', path: endpoint, body: { ...ctx.fixtures.userBody(), schemas: [URN.group] } });
      trackIfCreated(ctx, endpoint, wrong);
      if (wrong.status >= 200 && wrong.status < 300) return fail(`A User create whose schemas names only the Group schema was accepted (${wrong.status})`, { actual: describe(wrong), fix: 'RFC 7643 §3: "schemas" lists the resource\'s schemas; refuse a body that is not a User with 400 "invalidValue".' });
      if (wrong.status >= 500) return fail(`A User create with the Group schema answered ${wrong.status}`, { actual: describe(wrong) });
      if (noSchemas.status >= 500) return fail(`A create without "schemas" answered ${noSchemas.status}`, { actual: describe(noSchemas) });
      if (noSchemas.status >= 200 && noSchemas.status < 300) return warn(`A create without "schemas" was accepted (${noSchemas.status})`, { fix: 'RFC 7643 §3: "schemas" is REQUIRED; refuse its absence with 400 "invalidValue"/"invalidSyntax" or document the leniency.' });
      return pass(`Creates without schemas (${noSchemas.status}) and with the wrong schema (${wrong.status}) were refused`);
    },
  },
  {
    id: 'C16',
    profiles: ['entra'],
    mutates: true,
    requires: needs.groups,
    async run(ctx) {
      const first = await ctx.fixtures.createGroup();
      const response = await ctx.client.send({ method: 'POST', path: first.endpoint, body: ctx.fixtures.groupBody({ displayName: first.sent.displayName }) });
      trackIfCreated(ctx, first.endpoint, response);
      if (response.status === 409) return pass('A second group with the same displayName was refused with 409');
      return fail(`A second group with the same displayName answered ${response.status}`, { expected: '409 (Entra matches groups by displayName)', actual: describe(response), fix: 'Entra ID matches groups on displayName: refuse duplicates with 409 "uniqueness" (Entra SCIM tutorial).' });
    },
  },
];
