import { URN } from '../../urns';
import { show } from '../compare';
import { member } from '../features';
import { all, needs } from '../preconditions';
import { carriesResources, observeCodes } from '../response/observe';
import { describe, idOf, isObject, literal, q, requireList, requireStatus, resourcesOf, type Json } from '../responses';
import type { CheckDefinition, CheckVerdict, ServerFacts } from '../types';
import { fail, pass, skip, warn, worst } from '../verdicts';
import { sendPatch } from './patch-support';
import { readBack, trackIfCreated } from './resource-support';

export const CHARACTERISTICS: Record<string, readonly string[]> = {
  type: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary', 'complex'],
  mutability: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  returned: ['always', 'never', 'default', 'request'],
  uniqueness: ['none', 'server', 'global'],
};
export const BOOLEANS = ['multiValued', 'required', 'caseExact'];

/** Every attribute definition of the served /Schemas, with where it sits. */
export function definitions(facts: ServerFacts): { where: string; def: Json; depth: number; schema: string }[] {
  const out: { where: string; def: Json; depth: number; schema: string }[] = [];
  const schemas = facts.discovery.schemas.status === 200 ? (resourcesOf(facts.discovery.schemas.json) ?? (Array.isArray(facts.discovery.schemas.json) ? facts.discovery.schemas.json.filter(isObject) : [])) : [];
  const walk = (list: unknown, prefix: string, depth: number, schema: string) => {
    if (!Array.isArray(list)) return;
    for (const def of list.filter(isObject)) {
      const where = `${prefix}${String(member(def, 'name'))}`;
      out.push({ where, def, depth, schema });
      walk(member(def, 'subAttributes'), `${where}.`, depth + 1, schema);
    }
  };
  for (const schema of schemas) walk(member(schema, 'attributes'), `${String(member(schema, 'id'))}:`, 0, String(member(schema, 'id')));
  return out;
}

const needsServedSchemas = (facts: ServerFacts) => (facts.usesCoreSchemas ? 'The server serves no usable /Schemas' : undefined);

/** Top-level single-valued string attributes the User schema declares unique, besides userName. */
function uniqueAttributes(facts: ServerFacts): string[] {
  const schema = facts.userType ? facts.registry.schema(facts.userType.schema) : undefined;
  return (schema?.attributes ?? []).filter((a) => a.uniqueness !== 'none' && a.type === 'string' && !a.multiValued && a.mutability === 'readWrite' && a.name.toLowerCase() !== 'username').map((a) => a.name);
}

/** /Schemas itself, and what the server does measured against it (RFC 7643 §7). */
export const discoverySchemaChecks: CheckDefinition[] = [
  {
    id: 'D12',
    mutates: false,
    requires: needsServedSchemas,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.schemas);
      const problems: string[] = [];
      for (const { where, def } of definitions(ctx.facts)) {
        for (const [name, allowed] of Object.entries(CHARACTERISTICS)) {
          const value = member(def, name);
          if (value !== undefined && !allowed.some((a) => a.toLowerCase() === String(value).toLowerCase())) problems.push(`${where}: ${name} ${show(value)}`);
        }
        for (const name of BOOLEANS) {
          const value = member(def, name);
          if (value !== undefined && typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) problems.push(`${where}: ${name} ${show(value)}`);
        }
      }
      if (problems.length) return fail(`${problems.length} attribute characteristic(s) hold values RFC 7643 does not define: ${problems.slice(0, 5).join('; ')}`, { fix: 'RFC 7643 §7: type, mutability, returned and uniqueness take only the listed values; multiValued, required and caseExact are booleans.' });
      return pass(`${definitions(ctx.facts).length} attribute definitions, every characteristic valid`);
    },
  },
  {
    id: 'D13',
    mutates: false,
    requires: needsServedSchemas,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.schemas);
      const problems: string[] = [];
      for (const { where, def } of definitions(ctx.facts)) {
        for (const [name, allowed] of Object.entries(CHARACTERISTICS)) {
          const value = member(def, name);
          if (typeof value === 'string' && !allowed.includes(value) && allowed.some((a) => a.toLowerCase() === value.toLowerCase())) problems.push(`${where}: ${name} "${value}"`);
        }
        for (const name of BOOLEANS) if (typeof member(def, name) === 'string') problems.push(`${where}: ${name} is the string ${show(member(def, name))}`);
      }
      if (problems.length) return fail(`${problems.length} characteristic(s) are mis-cased or strings: ${problems.slice(0, 5).join('; ')}`, { fix: 'Spell characteristic values exactly as RFC 7643 §7 does (readWrite, not ReadWrite) and send booleans as true/false: Entra ID reads them literally.' });
      return pass('Every characteristic value is spelled exactly and every flag is a boolean');
    },
  },
  {
    id: 'D14',
    mutates: false,
    requires: needsServedSchemas,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.schemas);
      const nested = definitions(ctx.facts).filter((d) => d.depth > 0 && String(member(d.def, 'type')).toLowerCase() === 'complex' && d.schema.toLowerCase() !== URN.schema.toLowerCase());
      if (nested.length) return fail(`Complex sub-attributes: ${nested.map((n) => n.where).join(', ')}`, { fix: 'RFC 7643 §2.3.8: a complex attribute\'s sub-attributes are not complex (only the Schema meta-schema nests).' });
      return pass('No complex attribute has a complex sub-attribute');
    },
  },
  {
    id: 'D20',
    mutates: false,
    requires: all(needs.users, needsServedSchemas),
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.schemas);
      const attr = (path: string) => ctx.facts.registry.attribute(path, ctx.facts.userType)?.attribute;
      const userName = attr('userName');
      const verdicts: CheckVerdict[] = [];
      if (!userName) verdicts.push(fail('The User schema has no userName', { fix: 'RFC 7643 §4.1.1: userName is REQUIRED.' }));
      else {
        if (!userName.required) verdicts.push(fail('userName is not required', { fix: 'RFC 7643 §4.1.1: userName is REQUIRED.' }));
        if (userName.uniqueness === 'none') verdicts.push(fail('userName uniqueness is "none"', { fix: 'RFC 7643 §4.1.1: userName is unique ("server").' }));
        if (userName.caseExact) verdicts.push(warn('userName is caseExact true', { fix: 'RFC 7643 §8.7.1 defines userName with caseExact false; IdPs match it case-insensitively.' }));
      }
      const groups = attr('groups');
      if (groups && groups.mutability !== 'readOnly') verdicts.push(warn(`User.groups is ${groups.mutability}, not readOnly`, { fix: 'RFC 7643 §4.1.2: groups is readOnly (memberships change through the Group).' }));
      const id = ctx.facts.registry.attribute('id', ctx.facts.userType)?.attribute;
      if (id && (id.mutability !== 'readOnly' || id.returned !== 'always')) verdicts.push(warn(`id is ${id.mutability}/${id.returned}`, { fix: 'RFC 7643 §3.1: id is readOnly and returned always.' }));
      return verdicts.length ? worst(verdicts) : pass('userName is required, unique and not case-exact; groups is readOnly');
    },
  },
  {
    id: 'D21',
    mutates: false,
    requires: needs.enterpriseUser,
    async run(ctx) {
      ctx.client.cite(ctx.facts.discovery.schemas);
      const served = ctx.facts.registry.schema(URN.enterpriseUser);
      if (!served || ctx.facts.usesCoreSchemas) return fail('The User type lists the Enterprise User extension, but /Schemas does not serve it', { fix: 'Serve the extension\'s schema at /Schemas (RFC 7643 §4.3, §6).' });
      const rfc = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];
      const missing = rfc.filter((name) => !served.attributes.some((a) => a.name.toLowerCase() === name.toLowerCase()));
      if (missing.length) return warn(`The Enterprise User schema lacks ${missing.join(', ')}`, { fix: 'RFC 7643 §4.3 defines these attributes; Entra ID maps department, employeeNumber and manager by default.' });
      return pass('The Enterprise User extension is served with all its RFC attributes');
    },
  },
  observeCodes('D22', ['unknownAttribute'], { applies: carriesResources, what: 'answer with resources', fix: 'Return only attributes /Schemas declares, or declare the ones you return (RFC 7643 §7): clients build their mappings from /Schemas.' }),
  observeCodes('D23', ['wrongType', 'stringBoolean'], { applies: carriesResources, what: 'answer with resources', fix: 'Return each value with the type /Schemas declares for it (RFC 7643 §2.3, §7).' }),
  {
    id: 'D24',
    mutates: true,
    requires: all(needs.users, (facts) => (uniqueAttributes(facts).length ? undefined : 'The User schema declares no unique attribute besides userName')),
    async run(ctx) {
      const verdicts: CheckVerdict[] = [];
      for (const name of uniqueAttributes(ctx.facts).slice(0, 5)) {
        const value = ctx.fixtures.uniqueName(name);
        await ctx.fixtures.createUser({ [name]: value });
        const endpoint = ctx.facts.userType!.endpoint;
        const response = await ctx.client.send({ method: 'POST', path: endpoint, body: ctx.fixtures.userBody({ [name]: value }) });
        trackIfCreated(ctx, endpoint, response);
        verdicts.push(response.status === 409 ? pass(`${name} is enforced unique (409)`) : fail(`A second user with the same ${name} answered ${response.status}`, { expected: '409 uniqueness', actual: describe(response), fix: `/Schemas declares ${name} unique: enforce it (RFC 7643 §7, RFC 7644 §3.3).` }));
      }
      return worst(verdicts);
    },
  },
  {
    id: 'D25',
    mutates: false,
    requires: all(needs.users, needs.filter),
    async run(ctx) {
      const shared = await ctx.fixtures.sharedUsers();
      const user = shared.users[0]!;
      const candidates = ['userName', 'displayName', 'nickName', 'title', 'name.givenName', 'name.familyName'];
      const tested: string[] = [];
      const failures: string[] = [];
      for (const path of candidates) {
        const def = ctx.facts.registry.attribute(path, ctx.facts.userType)?.attribute;
        const [top, sub] = path.split('.');
        const value = sub ? member(member(user.resource, top!), sub) : member(user.resource, top!);
        if (!def || def.caseExact || def.type !== 'string' || typeof value !== 'string' || value.toUpperCase() === value) continue;
        const scope = shared.prefix ? ` and userName sw ${literal(shared.prefix)}` : '';
        const response = await ctx.client.send({ method: 'GET', path: `${user.endpoint}?filter=${q(`${path} eq ${literal(value.toUpperCase())}${scope}`)}` });
        tested.push(path);
        const found = response.status === 200 && (resourcesOf(response.json) ?? []).some((r) => idOf(r) === user.id);
        if (!found) failures.push(`${path} eq "${value.toUpperCase()}" (${response.status})`);
      }
      if (tested.length === 0) return skip('No caseExact:false string attribute with a value to test');
      if (failures.length) return fail(`Case-insensitive attributes compared case-sensitively: ${failures.join(', ')}`, { fix: 'Compare caseExact:false attributes ignoring case in filters (RFC 7644 §3.4.2.2, RFC 7643 §7).' });
      return pass(`${tested.join(', ')} (caseExact false) matched an upper-cased value`);
    },
  },
  {
    id: 'D26',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const readOnly = (ctx.facts.registry.schema(ctx.facts.userType!.schema)?.attributes ?? []).filter((a) => a.mutability === 'readOnly' && !a.multiValued && a.type === 'string' && !['id'].includes(a.name));
      const planted = Object.fromEntries(readOnly.map((a) => [a.name, `${ctx.prefix}-planted`]));
      const user = await ctx.fixtures.createUser(planted);
      const read = await readBack(ctx, user);
      const taken = readOnly.filter((a) => member(read, a.name) === `${ctx.prefix}-planted`).map((a) => a.name);
      if (taken.length) return fail(`Read-only attributes took client values: ${taken.join(', ')}`, { fix: 'readOnly attributes are set by the server; ignore client values (RFC 7643 §7).' });
      if (ctx.facts.features.patch) {
        const response = await sendPatch(ctx, user, [{ op: 'replace', path: 'id', value: `${ctx.prefix}-new-id` }]);
        const after = await readBack(ctx, user);
        if (idOf(after) !== user.id) return fail(`PATCH changed the read-only id (answered ${response.status})`, { fix: 'id is readOnly (RFC 7643 §3.1).' });
      }
      return pass(`Read-only attributes kept their server values${readOnly.length ? ` (${readOnly.map((a) => a.name).join(', ')})` : ''}, and id could not be changed`);
    },
  },
  {
    id: 'D27',
    mutates: true,
    requires: needs.users,
    async run(ctx) {
      const f = ctx.facts.features;
      if (!f.served) return skip('The ServiceProviderConfig could not be read');
      const verdicts: CheckVerdict[] = [];
      const endpoint = ctx.facts.userType!.endpoint;
      const user = await ctx.fixtures.createUser();
      const patch = await sendPatch(ctx, user, [{ op: 'replace', path: 'displayName', value: `D27 ${ctx.prefix}` }]);
      if (f.patch) verdicts.push(patch.status >= 200 && patch.status < 300 ? pass('PATCH (claimed) works') : fail(`PATCH is claimed but answered ${patch.status}`, { actual: describe(patch) }));
      else verdicts.push(patch.status === 501 ? pass('PATCH (not claimed) answered 501') : warn(`PATCH is not claimed but answered ${patch.status}`, { fix: 'Answer 501 for what the ServiceProviderConfig says is unsupported, or claim it (RFC 7644 §3.12).' }));
      if (f.filter.supported) {
        const list = requireList(await ctx.client.send({ method: 'GET', path: `${endpoint}?filter=${q(`userName eq ${literal(String(user.sent.userName))}`)}` }), 'A filter (claimed supported)');
        verdicts.push(list.length === 1 ? pass('filter (claimed) works') : fail(`A userName eq filter answered ${list.length} resources`, { fix: 'Apply the filters you claim to support (RFC 7644 §3.4.2.2).' }));
      }
      if (f.etag) {
        const got = requireStatus(await ctx.client.send({ method: 'GET', path: `${endpoint}/${encodeURIComponent(user.id)}` }), 200, 'GET');
        verdicts.push(got.headers.some(([n]) => n.toLowerCase() === 'etag') ? pass('etag (claimed) works') : fail('ETags are claimed but GET has no ETag header', { fix: 'RFC 7644 §3.14.' }));
      }
      if (!f.bulk.supported) {
        const bulk = await ctx.client.send({ method: 'POST', path: '/Bulk', body: { schemas: [URN.bulkRequest], Operations: [] } });
        verdicts.push(bulk.status === 501 ? pass('Bulk (not claimed) answered 501') : warn(`Bulk is not claimed but POST /Bulk answered ${bulk.status}`, { fix: 'Answer 501 for unsupported Bulk (RFC 7644 §3.12).' }));
      }
      const failing = verdicts.filter((v) => v.status !== 'pass');
      return failing.length ? worst(failing) : pass(`What the ServiceProviderConfig claims matches what the server does (${verdicts.map((v) => v.detail).join('; ')})`);
    },
  },
];
