import { diffTargets, entra, entraExamples, entraFlag, resolveTarget, resourceTypeFor, type Change, type ClientProfile } from '../../../idp';
import { URN } from '../../urns';
import { show } from '../compare';
import { member } from '../features';
import { needs } from '../preconditions';
import { describe } from '../responses';
import type { CheckContext, CheckDefinition, CheckVerdict, CreatedResource } from '../types';
import { fail, pass, warn, worst } from '../verdicts';
import { asCheckVerdict, asJson, buildContext, confirmWrite, notHeld, oneRow, readAs, sendAs, sourceUser, targetValues, tolerated, userRows } from './idp-support';

const ENTRA = ['entra'] as const;
const LEGACY = 'a legacy tutorial example: Entra\'s provisioning sends the shape En06 checks';
const SECONDARY = 'a SCIM Validator payload that only third parties report, not a documented provisioning request';

/** The six attributes of the compatibility doc's "Requests to replace multiple attributes". */
const SIX = ['displayName', 'emails[type eq "work"].value', 'name.givenName', 'name.familyName', 'externalId', `${URN.enterpriseUser}:employeeNumber`];

const ACTIVE = oneRow('active', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
const MANAGER = resolveTarget(`${URN.enterpriseUser}:manager.value`, resourceTypeFor('user'));

/** A user created in the RFC's form (the check tests a later step, not Entra's create). */
function plainUser(ctx: CheckContext, overrides: Record<string, unknown> = {}): Promise<CreatedResource> {
  return ctx.fixtures.createUser(overrides);
}

/** Disables a user with the given profile's request, and reads it back. */
async function disable(ctx: CheckContext, profile: ClientProfile): Promise<CheckVerdict> {
  const user = await plainUser(ctx, { active: true });
  const step = await sendAs(ctx, profile, profile.setActive(user.id, false, asJson(user.resource)), { current: user.resource });
  return confirmWrite(ctx, profile, step, user, [{ row: ACTIVE, value: false }]);
}

/** Changes the six attributes of a user that has all of them, with the given profile's update. */
async function replaceSix(ctx: CheckContext, profile: ClientProfile): Promise<CheckVerdict> {
  const before = sourceUser(ctx);
  const enterprise = ctx.facts.userType?.schemaExtensions.some((e) => e.schema === URN.enterpriseUser) ?? false;
  const user = await plainUser(ctx, {
    schemas: enterprise ? [URN.user, URN.enterpriseUser] : [URN.user],
    externalId: before.attributes.mailNickname,
    displayName: before.attributes.displayName,
    name: { givenName: before.attributes.givenName, familyName: before.attributes.surname },
    ...(enterprise ? { [URN.enterpriseUser]: { employeeNumber: before.attributes.employeeId } } : {}),
  });
  const after = { ...before, attributes: { ...before.attributes, givenName: 'Sofía', surname: 'Hernández Walsh', displayName: 'Sofía Hernández Walsh', mail: `sofia.${before.attributes.mail}`, mailNickname: `${before.attributes.mailNickname}-renamed`, employeeId: '200004' } };
  const changes = diffTargets(targetValues(profile, after, false), user.resource).filter((c) => SIX.includes(c.row.row.target));
  return update(ctx, profile, user, changes);
}

async function update(ctx: CheckContext, profile: ClientProfile, user: CreatedResource, changes: Change[]): Promise<CheckVerdict> {
  const verdicts: CheckVerdict[] = [];
  for (const planned of profile.updateUser(user.id, changes, asJson(user.resource))) {
    const step = await sendAs(ctx, profile, planned, { current: user.resource });
    verdicts.push(await confirmWrite(ctx, profile, step, user, planned.expect ?? []));
  }
  return worst(verdicts);
}

/** Entra-compat: what Entra writes to users (creates, updates, disables, the manager). */
export const entraUserChecks: CheckDefinition[] = [
  {
    id: 'En06',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const source = sourceUser(ctx);
      const values = targetValues(entra, source, true);
      const step = await sendAs(ctx, entra, entra.createUser(values, source, buildContext(ctx)));
      const verdict = asCheckVerdict(entra, step);
      const id = step.verdict.found?.id;
      if (verdict.status === 'fail' || !id) return verdict;
      const missing = notHeld(values, await readAs(ctx, entra, { endpoint: '/Users', id }));
      if (missing.length) {
        return warn(`${step.planned.title}: created ${id}, but read back it does not hold ${missing.length} of the ${values.length} mapped values: ${missing.slice(0, 4).join('; ')}`, {
          actual: describe(step.response),
          fix: 'Store every attribute Entra maps (or remove the mapping in Entra): Entra compares the values on each cycle and sends an update for each one that differs.',
        });
      }
      return verdict.status === 'pass' ? pass(`${verdict.detail}; read back: all ${values.length} mapped values held`) : verdict;
    },
  },
  {
    id: 'En07',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const name = ctx.fixtures.uniqueName('example2');
      const planned = entraExamples.example2CreateUser({ userName: `${name}@contoso.example`, externalId: name, givenName: 'Joy', familyName: 'Young', displayName: 'Joy Young', email: `${name}@contoso.example` });
      const step = await sendAs(ctx, entra, planned);
      return tolerated(asCheckVerdict(entra, step), step.response, LEGACY);
    },
  },
  {
    id: 'En09',
    profiles: ENTRA,
    mutates: true,
    run: (ctx) => disable(ctx, entra),
  },
  {
    id: 'En10',
    profiles: ENTRA,
    mutates: true,
    run: (ctx) => disable(ctx, entraFlag),
  },
  {
    id: 'En11',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      const user = await plainUser(ctx);
      const row = oneRow('nickName', '"Babs"');
      return update(ctx, entra, user, [{ row, value: 'Babs', current: undefined }]);
    },
  },
  {
    id: 'En12',
    profiles: ENTRA,
    mutates: true,
    run: (ctx) => replaceSix(ctx, entra),
  },
  {
    id: 'En13',
    profiles: ENTRA,
    mutates: true,
    run: (ctx) => replaceSix(ctx, entraFlag),
  },
  {
    id: 'En17',
    profiles: ENTRA,
    mutates: true,
    requires: needs.enterpriseUser,
    async run(ctx) {
      const manager = await plainUser(ctx);
      const user = await plainUser(ctx);
      const planned = entra.setManager(user.id, manager.id, false, buildContext(ctx))!;
      const step = await sendAs(ctx, entra, planned, { current: user.resource });
      const verdict = await confirmWrite(ctx, entra, step, user, [{ row: { ...userRows(entra).find((r) => r.reference)!, target: MANAGER }, value: manager.id }]);
      if (verdict.status !== 'fail' || step.verdict.status === 'fail') return verdict;
      const read = await readAs(ctx, entra, user);
      const stray = member(read, 'manager');
      return stray === undefined ? verdict : { ...verdict, detail: `${verdict.detail}; a top-level "manager" ${show(stray)} was stored instead`, fix: 'Resolve "path": "manager" to the Enterprise User extension\'s manager (RFC 7644 §3.10: an unqualified attribute the core schema lacks is the extension\'s) and read a one-element array as its value.' };
    },
  },
  {
    id: 'En18',
    profiles: ENTRA,
    mutates: true,
    async run(ctx) {
      // no work email: the change creates one (the flag's lower-case op, so only the missing value is tested)
      const user = await plainUser(ctx, { emails: [{ value: `${ctx.fixtures.uniqueName('home')}@home.example.org`, type: 'home' }] });
      const email = `${ctx.fixtures.uniqueName('work')}@contoso.example`;
      const row = userRows(entraFlag).find((r) => r.row.target === 'emails[type eq "work"].value')!;
      const verdict = await update(ctx, entraFlag, user, [{ row, value: email, current: undefined }]);
      return verdict.status === 'pass' ? verdict : { ...verdict, detail: `${verdict.detail} (sent with the flag's lower-case op, so only the missing work email is tested; RFC 7644 §3.5.2.3 answers noTarget here, but Entra expects the value created)` };
    },
  },
  {
    id: 'En24',
    profiles: ENTRA,
    mutates: true,
    requires: needs.enterpriseUser,
    async run(ctx) {
      const verdicts: CheckVerdict[] = [];
      const manager = await plainUser(ctx);
      // the manager removal Entra sends without the flag: {"value": ""}
      const user = await plainUser(ctx, { schemas: [URN.user, URN.enterpriseUser], [URN.enterpriseUser]: { manager: { value: manager.id } } });
      const clear = await sendAs(ctx, entra, entra.setManager(user.id, null, true, buildContext(ctx))!, { current: user.resource });
      const cleared = asCheckVerdict(entra, clear);
      if (cleared.status === 'fail') verdicts.push(cleared);
      else {
        const left = member(member(await readAs(ctx, entra, user), URN.enterpriseUser), 'manager');
        const id = member(left, 'value');
        if (typeof id === 'string' && id !== '') verdicts.push(fail(`${clear.planned.title}: answered ${clear.response.status}, but the manager ${id} is still set`, { actual: show(left), fix: 'Read {"value": ""} for the manager as removing it: Entra clears the manager this way.' }));
        else if (left !== undefined && left !== null) verdicts.push(warn(`${clear.planned.title}: the manager was kept as ${show(left)} instead of removed`, { actual: show(left), fix: 'Remove the manager when its value is "" (Entra clears the manager this way); an empty reference is not a manager.' }));
        else verdicts.push(cleared);
      }
      // the validator's manager as a plain id
      const raw = await sendAs(ctx, entra, entraExamples.validatorManagerRawId(user.id, manager.id), { current: user.resource });
      const rawVerdict = tolerated(await confirmWrite(ctx, entra, raw, user, [{ row: { ...userRows(entra).find((r) => r.reference)!, target: MANAGER }, value: manager.id }]), raw.response, SECONDARY);
      verdicts.push(rawVerdict);
      // the validator's app role with "primary": "True"
      const source = sourceUser(ctx);
      const role = await sendAs(ctx, entra, entraExamples.validatorCreateWithRole(entra.createUser(targetValues(entra, source, true), source, buildContext(ctx)), 'Reader'));
      verdicts.push(tolerated(asCheckVerdict(entra, role), role.response, SECONDARY));
      const verdict = worst(verdicts);
      return verdict.status === 'pass' ? pass('The manager cleared with {"value":""}, set as a plain id, and a create with roles[].primary "True" were all taken') : verdict;
    },
  },
];
