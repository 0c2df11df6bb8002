import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { carriesResources, carriesWholeResources, evidence, observeCodes } from '../response/observe';
import { header, idOf, isObject, requireStatus, resourcesOf, type Json } from '../responses';
import type { CheckDefinition, ObservedExchange } from '../types';
import { fail, pass, skip, warn } from '../verdicts';
import { readBack, resourcePath } from './resource-support';
import { sendPatch } from './patch-support';

const R05_CODES = observeCodes('R05', ['locationNotAbsolute', 'locationIdMismatch'], { applies: carriesResources, what: 'answer with resources', fix: 'meta.location is the absolute URI of the resource, ending with its id (RFC 7643 §3.1).' });

const TYPED = new Set(['emails', 'phonenumbers', 'addresses', 'ims', 'photos']);

const resourcesIn = (o: ObservedExchange): Json[] => (isObject(o.response.json) ? (resourcesOf(o.response.json) ?? [o.response.json]) : []);

/** Schema and representation (RFC 7643 §2–§4): rules every answer keeps, judged over the whole run. */
export const schemaChecks: CheckDefinition[] = [
  observeCodes('R01', ['missingSchemas', 'invalidSchemas', 'missingBaseSchema', 'unknownResourceType'], { applies: carriesResources, what: 'answer with resources', fix: 'Every resource lists its schema URNs, the base schema first (RFC 7643 §3).' }),
  observeCodes('R02', ['missingId', 'reservedId'], { applies: carriesResources, what: 'answer with resources', fix: 'Every resource a service provider returns has its id, a non-empty string other than "bulkId" (RFC 7643 §3.1).' }),
  {
    id: 'R03',
    observe(observed, facts) {
      const answers = observed.filter(carriesWholeResources);
      if (answers.length === 0) return skip('No answer with whole resources was seen in this run');
      const wanted = ['resourceType', 'created', 'lastModified', 'location', ...(facts.features.etag ? ['version'] : [])];
      const bad: { id: string; missing: string[] }[] = [];
      for (const o of answers) {
        for (const resource of resourcesIn(o)) {
          const meta = member(resource, 'meta');
          const missing = isObject(meta) ? wanted.filter((name) => member(meta, name) === undefined) : ['meta'];
          if (missing.length) bad.push({ id: o.response.exchangeId, missing });
        }
      }
      if (bad.length === 0) return pass(`Every resource in ${answers.length} answers has meta with ${wanted.join(', ')}`);
      const missing = [...new Set(bad.flatMap((b) => b.missing))];
      return { ...fail(`${bad.length} resource(s) lack meta members: ${missing.join(', ')}`, { expected: `meta with ${wanted.join(', ')}`, fix: 'RFC 7643 §3.1: meta carries resourceType, created, lastModified and location (and version when ETags are supported).' }), exchanges: evidence(bad.map((b) => b.id)) };
    },
  },
  observeCodes('R04', ['invalidDateTime', 'dateTimeWithoutZone', 'modifiedBeforeCreated'], { applies: carriesResources, what: 'answer with resources', fix: 'meta.created and meta.lastModified are xsd:dateTime values with a zone (e.g. 2024-05-13T04:42:34Z), lastModified not before created (RFC 7643 §3.1, §2.3.5).' }),
  {
    id: 'R05',
    observe(observed, facts, profile) {
      const problems: { id: string; text: string }[] = [];
      for (const o of observed.filter(carriesResources)) {
        if (resourcesOf(o.response.json)) continue;
        const location = member(member(o.response.json, 'meta'), 'location');
        const content = header(o.response, 'content-location');
        if (typeof location === 'string' && content && content !== location) problems.push({ id: o.response.exchangeId, text: `Content-Location ${content} differs from meta.location ${location}` });
      }
      if (problems.length) return { ...fail(`${problems[0]!.text}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { fix: 'meta.location is the resource\'s URI, the same as Content-Location (RFC 7643 §3.1).' }), exchanges: evidence(problems.map((p) => p.id)) };
      return R05_CODES.observe!(observed, facts, profile);
    },
  },
  observeCodes('R06', ['metaResourceTypeMismatch'], { applies: carriesResources, what: 'answer with resources', fix: 'meta.resourceType is the resource type\'s name, e.g. "User" (RFC 7643 §3.1).' }),
  observeCodes('R07', ['extensionNotListed', 'unknownSchema'], { applies: carriesResources, what: 'answer with resources', fix: 'Extension attributes live in an object under the extension\'s URN, and "schemas" lists that URN (RFC 7643 §3.3).' }),
  observeCodes('R08', ['wrongType', 'notBase64'], { applies: carriesResources, what: 'answer with resources', fix: 'Send every value with the type /Schemas declares: JSON booleans, numbers, strings for strings and dateTimes (RFC 7643 §2.3).' }),
  observeCodes('R09', ['stringBoolean'], { applies: carriesResources, what: 'answer with resources', fix: 'Booleans are the JSON literals true and false, never the strings "True"/"False" (RFC 7643 §2.3.2).' }),
  observeCodes('R10', ['notMultiValued', 'notSingleValued'], { applies: carriesResources, what: 'answer with resources', fix: 'Multi-valued attributes are JSON arrays, single-valued ones are not (RFC 7643 §2.4).' }),
  observeCodes('R11', ['multiplePrimary'], { applies: carriesResources, what: 'answer with resources', fix: 'At most one value of a multi-valued attribute has "primary": true (RFC 7643 §2.4).' }),
  observeCodes('R12', ['missingRequired', 'missingRequiredExtension', 'valueMissing'], { applies: carriesWholeResources, what: 'answer with whole resources', fix: 'Return every required attribute and sub-attribute (RFC 7643 §2.2).' }),
  observeCodes('R13', ['returnedNever'], { applies: (o) => o.response.status > 0, what: 'answer', fix: 'Attributes with returned "never" (password) appear in no answer: not in GET, lists, POST/PUT/PATCH answers or Bulk (RFC 7643 §7).' }),
  observeCodes('R14', ['duplicateAttribute'], { applies: carriesResources, what: 'answer with resources', fix: 'Attribute names are case-insensitive: never send two keys that differ only in case (RFC 7643 §2.1).' }),
  {
    id: 'R15',
    observe(observed) {
      const answers = observed.filter(carriesResources);
      if (answers.length === 0) return skip('No answer with resources was seen in this run');
      const bad: { id: string; text: string }[] = [];
      for (const o of answers) {
        for (const resource of resourcesIn(o)) {
          if (!isObject(resource)) continue;
          for (const key in resource) {
            const value = resource[key];
            // the attributes Entra ID addresses by type (emails[type eq "work"]); groups' "direct" repeats by design
            if (!Array.isArray(value) || !TYPED.has(key.toLowerCase())) continue;
            const types = value.map((v) => member(v, 'type')).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
            const twice = types.find((t, i) => types.indexOf(t) !== i);
            if (twice) bad.push({ id: o.response.exchangeId, text: `${key} has two values of type "${twice}"` });
          }
        }
      }
      if (bad.length === 0) return pass(`No multi-valued attribute repeats a type in ${answers.length} answers`);
      return { ...warn(`${bad[0]!.text}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`, { fix: 'Entra ID addresses values by type (emails[type eq "work"]): keep one value per type.' }), exchanges: evidence(bad.map((b) => b.id)) };
    },
  },
  observeCodes('R16', ['relativeExternalReference', 'notBase64'], { applies: carriesResources, what: 'answer with resources', fix: 'Binary values are base64; external references are absolute URIs (RFC 7643 §2.3.6, §2.3.7).' }),
  {
    id: 'R17',
    mutates: true,
    requires: all(needs.users, needs.groups),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup({ members: [{ value: user.id }] });
      const members = member(await readBack(ctx, group), 'members');
      const entry = Array.isArray(members) ? members.find((m) => member(m, 'value') === user.id) : undefined;
      if (!entry) return fail('The member sent in the create is not in the group read back', { actual: show(members) });
      const ref = member(entry, '$ref');
      if (typeof ref === 'string') {
        if (!/^https?:\/\//i.test(ref) || !ref.replace(/\/+$/, '').endsWith(`/${user.id}`)) return fail(`members[].$ref ${ref} does not point at the member`, { fix: 'members.$ref is the URI of the member resource (RFC 7643 §4.2).' });
      }
      const type = member(entry, 'type');
      if (type !== undefined && type !== 'User') return warn(`members[].type is ${show(type)}, not "User"`, { fix: 'members.type has the canonical values "User" and "Group" (RFC 7643 §4.2).' });
      const read = await ctx.client.send({ method: 'GET', path: resourcePath(user) });
      requireStatus(read, 200, 'Reading the member through members[].value');
      return pass(`The member resolves (value${typeof ref === 'string' ? ', $ref' : ''}${type ? ', type' : ''} consistent)`);
    },
  },
  {
    id: 'R18',
    mutates: true,
    requires: all(needs.users, needs.groups, needs.patch, (facts) => (facts.registry.attribute('groups', facts.userType) ? undefined : 'The server\'s User schema has no groups attribute')),
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const group = await ctx.fixtures.createGroup();
      const added = await sendPatch(ctx, group, [{ op: 'add', path: 'members', value: [{ value: user.id }] }]);
      requireStatus(added, [200, 204], 'PATCH adding the user to the group');
      const groups = member(await readBack(ctx, user), 'groups');
      const listed = Array.isArray(groups) && groups.some((g) => member(g, 'value') === group.id);
      if (!listed) return warn('After the user joined a group by PATCH, its groups attribute does not list the group', { actual: show(groups), fix: 'User.groups is derived from group memberships (RFC 7643 §4.1.2): keep it in step, or leave groups out of /Schemas.' });
      return pass('User.groups lists a group the user joined by PATCH');
    },
  },
  {
    id: 'R19',
    profiles: ['entra', 'okta'],
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const values = { displayName: 'Zoë O\'Brien-Łukasz  (Test)', emails: [{ value: `MixedCase.${ctx.prefix}@Example.COM`, type: 'work', primary: true }] };
      const user = await ctx.fixtures.createUser(values);
      const read = await readBack(ctx, user);
      const email = member((member(read, 'emails') as unknown[] | undefined)?.[0], 'value');
      if (member(read, 'displayName') !== values.displayName || email !== values.emails[0]!.value) {
        return fail('Values came back reformatted', { expected: show([values.displayName, values.emails[0]!.value]), actual: show([member(read, 'displayName'), email]), fix: 'Store and return values as sent: Entra ID compares them to decide whether an update is needed.' });
      }
      return pass('Mixed-case, accented and spaced values came back exactly as sent');
    },
  },
  {
    id: 'R20',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const user = await ctx.fixtures.createUser();
      const response = requireStatus(await ctx.client.send({ method: 'GET', path: `${resourcePath(user)}?attributes=displayName` }), 200, 'GET ?attributes=displayName');
      const always = ctx.facts.registry.schema(ctx.facts.userType!.schema)?.attributes.filter((a) => a.returned === 'always').map((a) => a.name) ?? [];
      const missing = ['id', ...always].filter((name) => member(response.json, name) === undefined);
      if (missing.length) return fail(`GET ?attributes=displayName left out ${missing.join(', ')}, which are returned "always"`, { actual: show(response.json), fix: 'Attributes with returned "always" (id, and those /Schemas marks so) are in every answer (RFC 7643 §7).' });
      if (idOf(response.json) !== user.id) return fail('The projected answer holds another resource');
      return pass(`GET ?attributes=displayName kept the returned:always attributes (${['id', ...always].join(', ')})`);
    },
  },
];
