import { URN } from '../../urns';
import { show, unassigned } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe, isObject, type Json } from '../responses';
import type { CheckContext, CheckDefinition, ServerFacts } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';
import { patchAndCompare, patchRejected, readBack, requirePatchSuccess, sendPatch } from './patch-support';

const userPatch = all(needs.users, needs.patch);

/** A writable, single-valued string attribute of the User schema, in order of preference. */
function writableString(facts: ServerFacts, candidates: readonly string[]): string | undefined {
  return candidates.find((name) => {
    const found = facts.registry.attribute(name, facts.userType);
    return found && found.attribute.type === 'string' && !found.attribute.multiValued && found.attribute.mutability === 'readWrite' && !found.extension;
  });
}

const has = (facts: ServerFacts, path: string) => facts.registry.attribute(path, facts.userType) !== undefined;

function requiresAttributes(...paths: string[]) {
  return (facts: ServerFacts) => {
    const missing = paths.filter((p) => !has(facts, p));
    return missing.length ? `The server's User schema has no ${missing.join(', ')}` : undefined;
  };
}

const SIMPLE = ['nickName', 'title', 'profileUrl', 'displayName', 'preferredLanguage', 'locale'];

function simpleAttribute(ctx: CheckContext, exclude: readonly string[] = []): string {
  const name = writableString(ctx.facts, SIMPLE.filter((n) => !exclude.includes(n)));
  if (!name) throw new Error('no writable single-valued string attribute');
  return name;
}

const requiresSimple = (count = 1) => (facts: ServerFacts) =>
  SIMPLE.filter((n) => writableString(facts, [n])).length >= count ? undefined : `The server's User schema has fewer than ${count} writable single-valued string attribute(s) among ${SIMPLE.join(', ')}`;

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
    id: 'X15',
    mutates: true,
    requires: userPatch,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchRejected(ctx, user, [{ op: 'remove' }], 'noTarget', 'A remove without path', 'RFC 7644 §3.5.2.2: if "path" is unspecified, the operation fails with 400 and scimType "noTarget".');
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
    id: 'X17',
    mutates: true,
    requires: all(userPatch, requiresAttributes('emails.value', 'emails.type')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const verdicts = [];
      const replace = await sendPatch(ctx, user, [{ op: 'replace', path: 'emails[type eq "other"].value', value: `${ctx.fixtures.uniqueName('none')}@example.com` }]);
      if (replace.status === 400 && member(replace.json, 'scimType') === 'noTarget') verdicts.push(pass('A replace whose value filter matches nothing was refused with 400 noTarget'));
      else if (replace.status >= 200 && replace.status < 300) {
        verdicts.push(
          ctx.profile === 'entra'
            ? pass(`A replace whose value filter matches nothing answered ${replace.status} (Entra expects the value to be created)`)
            : fail(`A replace whose value filter matches nothing answered ${replace.status}`, { expected: '400 with scimType noTarget', actual: describe(replace), fix: 'RFC 7644 §3.5.2.3: when a value selection filter matches no record, the service provider SHALL answer 400 with scimType "noTarget".' }),
        );
      } else verdicts.push(warn(`A replace whose value filter matches nothing answered ${replace.status}`, { expected: '400 with scimType noTarget', actual: describe(replace), fix: 'Answer 400 with scimType "noTarget" (RFC 7644 §3.5.2.3).' }));
      const remove = await sendPatch(ctx, user, [{ op: 'remove', path: 'emails[type eq "other"]' }]);
      if ((remove.status >= 200 && remove.status < 300) || (remove.status === 400 && member(remove.json, 'scimType') === 'noTarget')) {
        verdicts.push(pass(`A remove whose value filter matches nothing answered ${remove.status}${remove.status === 400 ? ' noTarget' : ''}`));
      } else verdicts.push(fail(`A remove whose value filter matches nothing answered ${remove.status}`, { expected: 'success with nothing removed, or 400 noTarget', actual: describe(remove), fix: 'Treat a remove that matches nothing as a no-op or answer 400 "noTarget" (RFC 7644 §3.5.2.2); never a server error.' }));
      return worst(verdicts);
    },
  },
  {
    id: 'X18',
    mutates: true,
    requires: userPatch,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchRejected(ctx, user, [{ op: 'replace', path: 'emails[type eq "work"', value: 'x@example.com' }], 'invalidPath', 'A replace with a malformed path (an unclosed "[")', 'RFC 7644 §3.5.2, §3.12: a path that does not parse is a 400 with scimType "invalidPath".');
    },
  },
  {
    id: 'X19',
    mutates: true,
    requires: userPatch,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: 'id', value: `${ctx.prefix}-other-id` }]);
      if (response.status === 400) {
        return member(response.json, 'scimType') === 'mutability'
          ? pass('Replacing the read-only id was refused with 400 mutability')
          : warn(`Replacing the read-only id was refused with 400, scimType ${String(member(response.json, 'scimType') ?? '(none)')}`, { expected: 'scimType mutability', actual: describe(response), fix: 'Use scimType "mutability" for a change a read-only attribute does not allow (RFC 7644 §3.12).' });
      }
      if (response.status >= 200 && response.status < 300) {
        const after = await readBack(ctx, user);
        if (member(after, 'id') !== user.id) return fail('Replacing the read-only id changed it', { actual: show(member(after, 'id')), fix: 'id is readOnly (RFC 7643 §3.1): refuse the change with 400 mutability.' });
        return warn(`Replacing the read-only id answered ${response.status} and was ignored`, { expected: '400 with scimType mutability', actual: describe(response), fix: 'RFC 7644 §3.5.2: an operation must be compatible with the attribute\'s mutability; answer 400 "mutability".' });
      }
      return fail(`Replacing the read-only id answered ${response.status}`, { expected: '400 with scimType mutability', actual: describe(response) });
    },
  },
  {
    id: 'X20',
    mutates: true,
    requires: all(userPatch, (facts) => (immutableAttribute(facts) ? undefined : 'The server\'s User schema declares no writable-once (immutable) single-valued string attribute')),
    async run(ctx) {
      const name = immutableAttribute(ctx.facts)!;
      const user = await ctx.fixtures.createUser({ [name]: `first-${ctx.prefix}` });
      return patchRejected(ctx, user, [{ op: 'replace', path: name, value: `second-${ctx.prefix}` }], 'mutability', `Replacing the immutable ${name}`, 'RFC 7643 §7: an immutable attribute SHALL NOT be updated; answer 400 "mutability" (RFC 7644 §3.12).');
    },
  },
  {
    id: 'X21',
    mutates: false,
    requires: userPatch,
    async run(ctx) {
      const endpoint = ctx.facts.userType!.endpoint;
      const response = await ctx.client.send({ method: 'PATCH', path: `${endpoint}/${ctx.prefix}-no-such-user`, body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] } });
      if (response.status === 404) return pass('PATCH of an unknown id answered 404');
      return fail(`PATCH of an unknown id answered ${response.status}`, { expected: '404 with a SCIM Error', actual: describe(response), fix: 'Answer 404 for a resource that does not exist (RFC 7644 §3.12).' });
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
    id: 'X23',
    mutates: true,
    requires: all(userPatch, requiresSimple()),
    async run(ctx) {
      const name = simpleAttribute(ctx);
      const user = await ctx.fixtures.createUser({ [name]: `unchanged-${ctx.prefix}` });
      const before = await readBack(ctx, user);
      const response = await sendPatch(ctx, user, [
        { op: 'replace', path: name, value: `changed-${ctx.prefix}` },
        { op: 'remove' },
      ]);
      const after = await readBack(ctx, user);
      const changed = member(after, name) !== member(before, name);
      if (response.status >= 200 && response.status < 300) {
        return warn(`A PATCH whose second operation is invalid (remove without path) answered ${response.status}, so atomicity could not be judged`, { actual: describe(response), fix: 'A remove without path must fail (RFC 7644 §3.5.2.2), and then the whole PATCH fails (see X15).' });
      }
      if (changed) {
        return fail(`A PATCH that failed (${response.status}) still applied its first operation: ${name} is ${show(member(after, name))}`, { expected: `${name} unchanged (${show(member(before, name))})`, actual: show(member(after, name)), fix: 'RFC 7644 §3.5.2: a PATCH is atomic; if one operation fails, the resource must be left as it was.' });
      }
      return pass(`A PATCH with a failing operation answered ${response.status} and left the resource unchanged`);
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
    id: 'X31',
    mutates: true,
    requires: userPatch,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      return patchRejected(ctx, user, { Operations: [{ op: 'replace', path: 'displayName', value: 'no schemas' }] }, ['invalidSyntax', 'invalidValue'], 'A PATCH body without the PatchOp schema', `RFC 7644 §3.5.2: the body MUST carry "schemas": ["${URN.patchOp}"]; refuse it with 400 "invalidSyntax".`);
    },
  },
  {
    id: 'X32',
    mutates: true,
    requires: userPatch,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const empty = await patchRejected(ctx, user, { schemas: [URN.patchOp], Operations: [] }, ['invalidSyntax', 'invalidValue'], 'A PATCH with an empty Operations array', 'RFC 7644 §3.5.2: Operations holds one or more operations; refuse an empty one with 400 "invalidSyntax".');
      const unknown = await patchRejected(ctx, user, [{ op: 'merge', path: 'displayName', value: 'x' }], ['invalidSyntax', 'invalidValue'], 'A PATCH with the unknown op "merge"', 'RFC 7644 §3.5.2: op is one of add, remove, replace; refuse others with 400 "invalidSyntax".');
      return worst([empty, unknown]);
    },
  },
  {
    id: 'X33',
    mutates: true,
    requires: all(needs.users, needs.unsupported('PATCH', (f) => f.features.patch)),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = await sendPatch(ctx, user, [{ op: 'replace', path: 'displayName', value: 'x' }]);
      if (response.status === 501) return pass('PATCH, claimed unsupported, answered 501');
      if (response.status >= 200 && response.status < 300) return warn(`PATCH answered ${response.status} although the ServiceProviderConfig says patch is not supported`, { fix: 'Set patch.supported to true in the ServiceProviderConfig (RFC 7643 §5).' });
      return fail(`PATCH, claimed unsupported, answered ${response.status}`, { expected: '501 Not Implemented', actual: describe(response), fix: 'RFC 7644 §3.12: answer 501 for an operation the service provider does not support.' });
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

/** A top-level single-valued string the server declares immutable on Users. */
function immutableAttribute(facts: ServerFacts): string | undefined {
  const schema = facts.userType ? facts.registry.schema(facts.userType.schema) : undefined;
  return schema?.attributes.find((a) => a.mutability === 'immutable' && a.type === 'string' && !a.multiValued && !a.required)?.name;
}
