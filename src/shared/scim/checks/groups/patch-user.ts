import { URN } from '../../urns';
import { show, unassigned } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, isObject, type Json } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { patchAndCompare, readBack, requirePatchSuccess, sendPatch } from './patch-support';

import { requiresAttributes, requiresSimple, simpleAttribute, userPatch } from './patch-user-support';

/** PATCH of User attributes (RFC 7644 §3.5.2). */
export const patchUserChecks: CheckDefinition[] = [
  {
    id: 'X01',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'add', path: name, value: `added-${ctx.prefix}` }], `add ${name}`);
    },
  },
  {
    id: 'X02',
    mutates: true,
    requires: all(userPatch, requiresAttributes('emails')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'add', path: 'emails', value: [{ value: `${ctx.fixtures.uniqueName('home')}@home.example.org`, type: 'home' }] }], 'add an email to emails');
    },
  },
  {
    id: 'X03',
    mutates: true,
    requires: all(userPatch, requiresAttributes('emails')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const before = await readBack(ctx, user);
      const emails = member(before, 'emails');
      const existing = Array.isArray(emails) && isObject(emails[0]) ? emails[0] : undefined;
      if (!existing) return skip('The created user has no email to add again');
      const response = await sendPatch(ctx, user, [{ op: 'add', path: 'emails', value: [{ value: member(existing, 'value'), type: member(existing, 'type') }] }]);
      requirePatchSuccess(response, 'PATCH adding an email the user already has');
      const after = await readBack(ctx, user);
      const list = member(after, 'emails');
      const same = Array.isArray(list) ? list.filter((e) => String(member(e, 'value')).toLowerCase() === String(member(existing, 'value')).toLowerCase()).length : 0;
      if (same > 1) {
        return warn(`Adding an email the user already has left ${same} copies of it`, { expected: 'one copy (no change)', actual: show(list), fix: 'RFC 7644 §3.5.2.1: if the target already contains the value, no changes SHOULD be made.' });
      }
      return pass('Adding an identical existing email made no duplicate');
    },
  },
  {
    id: 'X04',
    mutates: true,
    requires: all(userPatch, requiresAttributes('name.givenName', 'name.middleName')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'add', path: 'name', value: { middleName: 'Quinn' } }], 'add name.middleName through the complex name');
    },
  },
  {
    id: 'X05',
    mutates: true,
    requires: all(userPatch, requiresSimple(2)),
    async run(ctx) {
      const first = simpleAttribute(ctx);
      const second = simpleAttribute(ctx, [first]);
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'add', value: { [first]: `one-${ctx.prefix}`, [second]: `two-${ctx.prefix}` } }], `add without path {${first}, ${second}}`);
    },
  },
  {
    id: 'X06',
    mutates: true,
    requires: all(userPatch, needs.enterpriseUser, (facts) => (facts.registry.attribute(`${URN.enterpriseUser}:department`) ? undefined : 'The Enterprise User schema has no department')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'add', path: `${URN.enterpriseUser}:department`, value: `Dept ${ctx.prefix}` }], 'add an Enterprise User attribute by URN path');
    },
  },
  {
    id: 'X07',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser({ [name]: `before-${ctx.prefix}` });
      return patchAndCompare(ctx, user, [{ op: 'replace', path: name, value: `after-${ctx.prefix}` }], `replace ${name}`);
    },
  },
  {
    id: 'X09',
    mutates: true,
    requires: all(userPatch, requiresAttributes('emails.value', 'emails.type')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchAndCompare(ctx, user, [{ op: 'replace', path: 'emails[type eq "work"].value', value: `${ctx.fixtures.uniqueName('moved')}@work.example.com` }], 'replace emails[type eq "work"].value');
    },
  },
  {
    id: 'X10',
    mutates: true,
    requires: all(userPatch, requiresAttributes('active')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({ active: true });
      return patchAndCompare(ctx, user, [{ op: 'replace', value: { active: false } }], 'replace without path {"active": false}');
    },
  },
  {
    id: 'X11',
    mutates: true,
    requires: all(userPatch, requiresAttributes('name.givenName', 'name.familyName')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({ name: { givenName: 'Before', familyName: 'Kept' } });
      return patchAndCompare(ctx, user, [{ op: 'replace', path: 'name', value: { givenName: 'After' } }], 'replace name with only givenName (familyName stays)');
    },
  },
  {
    id: 'X12',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser({ [name]: `remove-me-${ctx.prefix}` });
      return patchAndCompare(ctx, user, [{ op: 'remove', path: name }], `remove ${name}`);
    },
  },
  {
    id: 'X16',
    mutates: true,
    requires: all(userPatch, requiresAttributes('name.middleName')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({ name: { givenName: 'Keep', middleName: 'Drop', familyName: 'Keep' } });
      return patchAndCompare(ctx, user, [{ op: 'remove', path: 'name.middleName' }], 'remove name.middleName');
    },
  },
  {
    id: 'X22',
    mutates: true,
    requires: all(userPatch, requiresSimple(2)),
    async run(ctx) {
      const first = simpleAttribute(ctx);
      const second = simpleAttribute(ctx, [first]);
      const user = await ctx.fixtures.createUser({ [second]: `drop-${ctx.prefix}` });
      return patchAndCompare(
        ctx,
        user,
        [
          { op: 'add', path: first, value: `first-${ctx.prefix}` },
          { op: 'replace', path: first, value: `second-${ctx.prefix}` },
          { op: 'remove', path: second },
        ],
        `add then replace ${first}, remove ${second}, in order`,
      );
    },
  },
  {
    id: 'X24',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser();
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: name, value: `x24-${ctx.prefix}` }]);
      requirePatchSuccess(response, 'PATCH');
      if (response.status === 204 && response.text !== '') return warn('A 204 answer to PATCH carries a body', { actual: describe(response), fix: '204 No Content has no body (RFC 9110 §15.3.5).' });
      if (response.status === 200 && (member(response.json, 'id') !== user.id || member(response.json, 'userName') === undefined)) {
        return fail('The 200 answer to PATCH is not the whole resource', { expected: 'the whole patched resource (id, userName …)', actual: describe(response), fix: 'RFC 7644 §3.5.2: 200 OK carries the entire resource.' });
      }
      return pass(`PATCH answered ${response.status}${response.status === 200 ? ' with the whole resource' : ' with no body'}`);
    },
  },
  {
    id: 'X25',
    mutates: true,
    requires: all(userPatch, requiresAttributes('emails.primary', 'emails.type')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser({
        emails: [
          { value: `${ctx.fixtures.uniqueName('w')}@work.example.com`, type: 'work', primary: true },
          { value: `${ctx.fixtures.uniqueName('h')}@home.example.org`, type: 'home' },
        ],
      });
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }]);
      requirePatchSuccess(response, 'PATCH making the home email primary');
      const after = await readBack(ctx, user);
      const emails = member(after, 'emails');
      const primaries = Array.isArray(emails) ? emails.filter((e) => member(e, 'primary') === true) : [];
      if (primaries.length !== 1 || member(primaries[0], 'type') !== 'home') {
        return fail(`After making the home email primary, ${primaries.length} email(s) are primary`, { expected: 'only the home email primary', actual: show(emails), fix: 'RFC 7644 §3.5.2: setting primary to true on one value SHALL set the others\' primary to false (RFC 7643 §2.4: at most one primary).' });
      }
      return pass('Making one email primary cleared primary on the other');
    },
  },
  {
    id: 'X26',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser({ [name]: `null-me-${ctx.prefix}` });
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: name, value: null }]);
      if (response.status === 400) return warn(`Replacing ${name} with null was refused (400)`, { actual: describe(response), fix: 'RFC 7643 §2.5: null is equivalent to unassigned; accept it as a way to clear the attribute (or document that only remove clears).' });
      requirePatchSuccess(response, `PATCH replacing ${name} with null`);
      const after = await readBack(ctx, user);
      if (!unassigned(member(after, name)) && member(after, name) !== '') {
        return fail(`After replacing ${name} with null it still holds ${show(member(after, name))}`, { expected: `${name} unassigned`, fix: 'RFC 7643 §2.5: null means unassigned.' });
      }
      return pass(`Replacing ${name} with null unassigned it`);
    },
  },
  {
    id: 'X27',
    mutates: true,
    requires: all(userPatch, needs.enterpriseUser, (facts) => (facts.registry.attribute(`${URN.enterpriseUser}:manager.value`) ? undefined : 'The Enterprise User schema has no manager')),
    async run(ctx) {
      const boss = await ctx.fixtures.createUser();
      const other = await ctx.fixtures.createUser();
      const user = await ctx.fixtures.createUser();
      const path = `${URN.enterpriseUser}:manager`;
      const managerOf = async () => member(member(member(await readBack(ctx, user), URN.enterpriseUser), 'manager'), 'value');
      const step = async (op: 'add' | 'replace' | 'remove', value: unknown, want: string | undefined) => {
        const response = await sendPatch(ctx, user, [{ op, path, ...(value !== undefined ? { value } : {}) }]);
        requirePatchSuccess(response, `PATCH ${op} manager`);
        const got = await managerOf();
        return got === want || (want === undefined && unassigned(got)) ? undefined : `after ${op} the manager is ${show(got)}, expected ${show(want)}`;
      };
      const problem = (await step('add', { value: boss.id }, boss.id)) ?? (await step('replace', { value: other.id }, other.id)) ?? (await step('remove', undefined, undefined));
      if (problem) return fail(`The Enterprise User manager does not follow PATCH: ${problem}`, { fix: 'Store manager.value (RFC 7643 §4.3) on add/replace and clear it on remove.' });
      return pass('The Enterprise User manager was added, replaced and removed by PATCH');
    },
  },
  {
    id: 'X30',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser();
      const before = member(await readBack(ctx, user), 'meta');
      // lastModified may have whole-second precision
      await ctx.sleep(1100);
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: name, value: `x30-${ctx.prefix}` }]);
      requirePatchSuccess(response, 'PATCH');
      const after = member(await readBack(ctx, user), 'meta');
      const problems: string[] = [];
      const time = (meta: unknown) => Date.parse(String(member(meta, 'lastModified')));
      if (Number.isNaN(time(before)) || Number.isNaN(time(after))) problems.push('meta.lastModified is missing or not a date');
      else if (!(time(after) > time(before))) problems.push(`meta.lastModified did not advance (${String(member(before, 'lastModified'))} → ${String(member(after, 'lastModified'))})`);
      const versions = [member(before, 'version'), member(after, 'version')];
      if (ctx.facts.features.etag && versions[0] !== undefined && versions[0] === versions[1]) problems.push(`meta.version stayed ${show(versions[0])}`);
      if (problems.length) return fail(`After a PATCH, ${problems.join('; ')}`, { fix: 'Update meta.lastModified (RFC 7643 §3.1) and meta.version / ETag (RFC 7644 §3.14) on every modification.' });
      return pass('A PATCH advanced meta.lastModified' + (ctx.facts.features.etag ? ' and changed meta.version' : ''));
    },
  },
  {
    id: 'X34',
    mutates: true,
    requires: all(userPatch, requiresSimple(), requiresAttributes('emails')),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser();
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: name, value: `x34-${ctx.prefix}` }], '?attributes=userName');
      requirePatchSuccess(response, 'PATCH ?attributes=userName');
      if (response.status === 204) return skip('PATCH answered 204: there is no body to project');
      const body = response.json as Json;
      const extra = ['emails', 'name', name].filter((key) => member(body, key) !== undefined);
      if (member(body, 'userName') === undefined) return fail('PATCH ?attributes=userName answered without userName', { actual: describe(response), fix: 'RFC 7644 §3.9: the answer holds the requested attributes.' });
      if (extra.length) return fail(`PATCH ?attributes=userName also returned ${extra.join(', ')}`, { expected: 'userName and the returned:always attributes only', actual: show(Object.keys(body)), fix: 'RFC 7644 §3.9: honour "attributes" on the PATCH answer.' });
      return pass('PATCH ?attributes=userName answered only the requested attributes');
    },
  },
];
