import { URN } from '../../urns';
import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { describe } from '../responses';
import type { CheckDefinition } from '../types';
import { fail, pass, warn, worst } from '../verdicts';
import { patchRejected, readBack, sendPatch } from './patch-support';

import { immutableAttribute, requiresAttributes, requiresSimple, simpleAttribute, userPatch } from './patch-user-support';

/** PATCH requests RFC 7644 §3.5.2 says must fail, and how (status, scimType, atomicity). */
export const patchUserErrorChecks: CheckDefinition[] = [
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
];
