import {
  computeTargets,
  diffTargets,
  evaluateExpression,
  resolveTarget,
  resourceTypeFor,
  userLabel,
  userView,
  asText,
  type Change,
  type PlannedRequest,
  type SourceUser,
  type TargetValue,
} from '@shared/idp';
import { URN, type JsonObject } from '@shared/scim';
import { getIgnoreCase, isObject } from '@shared/scim/json';
import { fingerprint, viewOf, type CycleContext } from './context';
import { shown, type ObjectLogBuilder } from './object-log';
import { send } from './sender';

const who = (ctx: CycleContext) => (ctx.profile.idp === 'entra' ? 'Entra' : 'Okta');

function importStep(ctx: CycleContext, user: SourceUser, log: ObjectLogBuilder): void {
  const view = viewOf(ctx, user);
  const rows = () =>
    Object.entries(view)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([name, value]) => ({ name, value: String(value) }));
  log.note('import', `Import the user from ${ctx.profile.idp === 'entra' ? 'Microsoft Entra ID' : 'Okta'}`, 'info', `Source id ${user.id}`, rows);
}

/** The user in the app: read by the linked id, else matched by the matching attributes in precedence order. */
async function findUser(ctx: CycleContext, user: SourceUser, log: ObjectLogBuilder): Promise<{ ok: boolean; current?: JsonObject; targetId?: string; byId?: boolean }> {
  const link = ctx.links.users.get(user.id);
  if (link) {
    const sent = await send(ctx.profile.getUser(link.targetId), ctx.deps, { phase: 'match' });
    log.sent(sent);
    if (sent.verdict.status === 'fail') return { ok: false };
    if (sent.verdict.found?.resource) return { ok: true, current: sent.verdict.found.resource, targetId: link.targetId, byId: true };
    // linked, but gone from the app (404): match again as a new object
    ctx.links.users.delete(user.id);
  }
  const view = viewOf(ctx, user);
  let tried = 0;
  for (const row of ctx.matching) {
    const value = evaluateExpression(row.expression, view).value;
    if (value === null || value === '') continue;
    tried++;
    const text = typeof value === 'string' ? value : String(value);
    const sent = await send(ctx.profile.matchUser(row.target.text, text), ctx.deps, { phase: 'match', matchValue: text });
    log.sent(sent);
    if (sent.verdict.status === 'fail') return { ok: false };
    if (sent.verdict.found?.id) return { ok: true, current: sent.verdict.found.resource!, targetId: sent.verdict.found.id };
  }
  if (tried === 0) {
    log.note('match', 'Match', 'fail', `No matching attribute has a value for this user (${ctx.matching.map((m) => m.row.source).join(', ') || 'none is set'}): ${who(ctx)} skips it and logs a failure.`);
    return { ok: false };
  }
  return { ok: true };
}

function modified(changes: readonly Change[]) {
  return changes.map((c) => ({ name: c.row.target.text, value: shown(c.value), ...(c.current !== undefined ? { old: shown(c.current) } : {}) }));
}

function isActive(resource: JsonObject | undefined): boolean {
  const active = resource ? getIgnoreCase(resource, 'active') : undefined;
  return !(active === false || (typeof active === 'string' && active.toLowerCase() === 'false'));
}

/** Okta's activation is the user's status, not a mapped attribute: deactivate or reactivate when they differ. */
async function oktaStatus(ctx: CycleContext, log: ObjectLogBuilder, targetId: string, wanted: boolean, current: JsonObject | undefined): Promise<boolean> {
  if (isActive(current) === wanted) return true;
  const sent = await send(ctx.profile.setActive(targetId, wanted, current), ctx.deps, { phase: 'export', ...(current ? { current } : {}) });
  log.sent(sent);
  log.action = wanted ? 'Enable' : 'Disable';
  return sent.verdict.status !== 'fail';
}

async function update(ctx: CycleContext, log: ObjectLogBuilder, targetId: string, changes: Change[], current: JsonObject | undefined, freshlyRead = false): Promise<{ ok: boolean; current?: JsonObject }> {
  let base = current;
  if (ctx.profile.readsBeforeUpdate && !freshlyRead) {
    // "To update a user, Okta first makes a GET method request to /Users/${userID}"
    const read = await send(ctx.profile.getUser(targetId), ctx.deps, { phase: 'export' });
    log.sent(read);
    if (read.verdict.status === 'fail') return { ok: false };
    base = read.verdict.found?.resource ?? current;
  }
  let ok = true;
  let after = base;
  for (const planned of ctx.profile.updateUser(targetId, changes, base)) {
    const sent = await send(planned, ctx.deps, { phase: 'export', ...(base ? { current: base } : {}) });
    log.sent(sent);
    if (sent.verdict.status === 'fail') ok = false;
    if (isObject(sent.answer.body) && sent.answer.status === 200) after = sent.answer.body;
  }
  return { ok, ...(after ? { current: after } : {}) };
}

/** One user through Import → Scope → Match → Action → Export, as the IdP's log shows it. */
export async function provisionUser(ctx: CycleContext, user: SourceUser, log: ObjectLogBuilder): Promise<void> {
  importStep(ctx, user, log);
  const inScope = user.assigned && !user.softDeleted;
  const linked = ctx.links.users.has(user.id);
  const reason = !user.assigned ? 'not assigned to the app' : user.softDeleted ? (ctx.profile.idp === 'entra' ? 'soft-deleted (IsSoftDeleted is true)' : 'deactivated in Okta') : '';
  if (!inScope && !linked) {
    log.note('scope', 'Determine if the user is in scope', 'skip', `Out of scope: ${reason}. The user was never provisioned, so ${who(ctx)} sends nothing.`);
    log.action = 'Skip';
    log.summary(`Skipped: ${reason}`);
    return;
  }
  log.note('scope', 'Determine if the user is in scope', 'info', inScope ? 'In scope: assigned to the app.' : `Out of scope: ${reason}; the user was provisioned before, so ${who(ctx)} disables it in the app.`);
  const found = await findUser(ctx, user, log);
  if (!found.ok) {
    log.summary('Match failed');
    return;
  }
  const view = viewOf(ctx, user);
  if (!found.targetId) {
    if (!inScope) {
      log.note('action', 'Determine the action', 'skip', `Not in the app and out of scope: nothing to disable.`);
      log.action = 'Skip';
      log.summary('Skipped: not in the app');
      return;
    }
    const computed = computeTargets(ctx.userRows, view, true);
    log.note('action', 'Action: Create', 'info', computed.missing.length ? `The mappings read attributes the user does not have: ${computed.missing.join(', ')}.` : undefined, () => computed.values.map((v) => ({ name: v.row.target.text, value: shown(v.value) })));
    log.action = 'Create';
    const sent = await send(ctx.profile.createUser(computed.values, user, ctx.build), ctx.deps, { phase: 'export' });
    log.sent(sent);
    if (sent.verdict.status === 'fail' || !sent.verdict.found?.id) {
      log.summary('Create failed');
      return;
    }
    const targetId = sent.verdict.found.id;
    log.targetId = targetId;
    ctx.links.users.set(user.id, { targetId, fingerprint: fingerprint(user), display: displayOf(computed.values, user) });
    if (sent.verdict.found.resource) ctx.current.set(user.id, sent.verdict.found.resource);
    log.summary(`Created ${targetId}`);
    return;
  }
  const targetId = found.targetId;
  log.targetId = targetId;
  const current = found.current;
  if (current) ctx.current.set(user.id, current);
  const computed = computeTargets(ctx.userRows, view, false);
  const changes = diffTargets(computed.values, current);
  const previous = ctx.links.users.get(user.id);
  ctx.links.users.set(user.id, { ...previous, targetId, fingerprint: fingerprint(user), display: displayOf(computed.values, user) });
  const wantActive = inScope;
  const statusChange = ctx.profile.activeFromMapping ? false : isActive(current) !== wantActive;
  if (changes.length === 0 && !statusChange) {
    log.note('action', 'Action: none', 'pass', `Every mapped attribute already has the value ${who(ctx)} computes: nothing to send.`);
    log.action = 'None';
    log.summary(`Matched ${targetId}: up to date`);
    return;
  }
  const rows = modified(changes);
  if (statusChange) rows.push({ name: 'active', value: String(wantActive), old: String(!wantActive) });
  const onlyActive = changes.length === 1 && changes[0]!.row.target.name === 'active';
  log.action = onlyActive ? (changes[0]!.value === false ? 'Disable' : 'Enable') : changes.length ? 'Update' : wantActive ? 'Enable' : 'Disable';
  log.note('action', `Action: ${log.action}`, 'info', 'Modified properties (the value in the app → the value the mapping computes):', rows);
  let after = current;
  if (changes.length) {
    const result = await update(ctx, log, targetId, changes, current, found.byId);
    if (!result.ok) {
      log.summary(`${log.action} failed`);
      return;
    }
    after = result.current ?? after;
  }
  if (statusChange && !(await oktaStatus(ctx, log, targetId, wantActive, after))) {
    log.summary(`${wantActive ? 'Activate' : 'Deactivate'} failed`);
    return;
  }
  const done: Record<string, string> = { Update: 'Updated', Disable: 'Disabled', Enable: 'Enabled' };
  log.summary(`${done[log.action] ?? log.action} ${targetId}`);
}

function displayOf(values: readonly TargetValue[], user: SourceUser): string {
  const userName = values.find((v) => v.row.target.name === 'userName' && !v.row.target.extension)?.value;
  return typeof userName === 'string' ? userName : userLabel(user);
}

/**
 * Deprovisioning one user as the IdP ends it: Entra disables it (active false), finds it again in the
 * next cycle (it must still be there, En20) and deletes it when the soft delete becomes a hard delete
 * 30 days later; Okta deactivates it and never deletes it.
 */
export async function deprovisionUser(ctx: CycleContext, user: SourceUser, log: ObjectLogBuilder, options: { sourceDeleted?: boolean } = {}): Promise<void> {
  importStep(ctx, user, log);
  log.note('scope', 'Determine if the user is in scope', 'info', options.sourceDeleted ? 'Deleted in the source: deprovision.' : `Removed from scope: ${ctx.profile.idp === 'entra' ? 'soft-deleted, then hard-deleted' : 'deactivated'} in the source.`);
  const found = await findUser(ctx, user, log);
  if (!found.ok) {
    log.summary('Match failed');
    return;
  }
  if (!found.targetId) {
    log.note('action', 'Action: none', 'skip', 'The user is not in the app: nothing to deprovision.');
    log.action = 'Skip';
    log.summary('Skipped: not in the app');
    ctx.links.users.delete(user.id);
    return;
  }
  const targetId = found.targetId;
  log.targetId = targetId;
  const current = found.current;
  if (ctx.profile.activeFromMapping) {
    const view = userView(ctx.profile.idp, { ...user, softDeleted: true });
    const changes = diffTargets(computeTargets(ctx.userRows, view, false).values, current).filter((c) => c.row.target.name === 'active' && !c.row.target.extension);
    log.action = 'Disable';
    if (changes.length) {
      log.note('action', 'Action: Disable (soft delete)', 'info', 'Modified properties:', modified(changes));
      const result = await update(ctx, log, targetId, changes, current, found.byId);
      if (!result.ok) {
        log.summary('Disable failed');
        return;
      }
    } else log.note('action', 'Action: Disable (soft delete)', 'info', 'The user is already disabled in the app (or the mappings do not map active).');
    const matchRow = ctx.matching[0];
    const value = matchRow ? evaluateExpression(matchRow.expression, viewOf(ctx, user)).value : null;
    if (matchRow && value !== null && value !== '') {
      const text = String(value);
      const planned: PlannedRequest = { ...ctx.profile.matchUser(matchRow.target.text, text), kind: 'confirm-soft-delete', title: 'Next cycle: query the disabled user again (it must still be found)' };
      planned.request = { ...planned.request, checks: ['En20'] };
      const sent = await send(planned, ctx.deps, { phase: 'match', matchValue: text });
      log.sent(sent);
    }
    if (ctx.profile.deletesUsers) {
      log.note('action', 'Action: Delete (30 days after the soft delete, the user is hard-deleted)', 'info');
      const planned = ctx.profile.deleteUser(targetId)!;
      const sent = await send(planned, ctx.deps, { phase: 'export' });
      log.sent(sent);
      log.action = 'Delete';
      if (sent.verdict.status !== 'fail') ctx.links.users.delete(user.id);
    }
  } else {
    log.note('action', 'Action: Deactivate', 'info', 'Okta never deletes users in the app: it sets active to false ("Delete Users" in Okta\'s SCIM reference).', [{ name: 'active', value: 'false', old: String(isActive(current)) }]);
    log.action = 'Disable';
    let base = current;
    if (ctx.profile.id === 'okta-put' && !found.byId) {
      const read = await send(ctx.profile.getUser(targetId), ctx.deps, { phase: 'export' });
      log.sent(read);
      base = read.verdict.found?.resource ?? current;
    }
    const sent = await send(ctx.profile.setActive(targetId, false, base), ctx.deps, { phase: 'export', ...(base ? { current: base } : {}) });
    log.sent(sent);
  }
  log.summary(log.failed() ? `${log.action} failed` : `${log.action === 'Delete' ? 'Disabled and deleted' : 'Deactivated'} ${targetId}`);
}

const MANAGER_VALUE = resolveTarget(`${URN.enterpriseUser}:manager.value`, resourceTypeFor('user'));

/** Entra's reference pass: set (or clear) the manager once both users exist in the app. */
export async function linkManager(ctx: CycleContext, user: SourceUser, log: ObjectLogBuilder): Promise<void> {
  const link = ctx.links.users.get(user.id);
  if (!link || !user.assigned || user.softDeleted) return;
  const row = ctx.userRows.find((r) => r.reference);
  if (!row) return;
  const wanted = asText(evaluateExpression(row.expression, viewOf(ctx, user)).value) || null;
  const computed = { manager: { row, sourceId: wanted } };
  const current = ctx.current.get(user.id);
  const managerInApp = current ? getIgnoreCase(current[URN.enterpriseUser] as JsonObject | undefined ?? {}, 'manager') : undefined;
  const hadManager = (link.manager !== undefined && link.manager !== null) || (isObject(managerInApp) && Boolean(getIgnoreCase(managerInApp, 'value')));
  if (link.manager === wanted) return;
  if (wanted === null) {
    if (!hadManager) return;
    const planned = ctx.profile.setManager(link.targetId, null, true, ctx.build);
    if (!planned) return;
    log.note('action', 'Reference: clear the manager', 'info');
    const sent = await send(planned, ctx.deps, { phase: 'export', ...(current ? { current } : {}) });
    log.sent(sent);
    if (sent.verdict.status !== 'fail') link.manager = null;
    return;
  }
  const managerLink = ctx.links.users.get(wanted);
  if (!managerLink) {
    log.note('action', 'Reference: manager', 'info', `The manager (${ctx.users.get(wanted) ? userLabel(ctx.users.get(wanted)!) : wanted}) is not provisioned yet: ${who(ctx)} sets the reference once it is.`);
    return;
  }
  const inApp = isObject(managerInApp) ? getIgnoreCase(managerInApp, 'value') : undefined;
  if (inApp === managerLink.targetId && link.manager === undefined) {
    link.manager = wanted;
    return;
  }
  const planned = ctx.profile.setManager(link.targetId, managerLink.targetId, hadManager, ctx.build);
  if (!planned) return;
  planned.expect = [{ row: { ...computed.manager.row, target: MANAGER_VALUE }, value: managerLink.targetId }];
  log.note('action', 'Reference: set the manager', 'info', undefined, [{ name: `${URN.enterpriseUser}:manager`, value: managerLink.targetId, ...(typeof inApp === 'string' ? { old: inApp } : {}) }]);
  const sent = await send(planned, ctx.deps, { phase: 'export', ...(current ? { current } : {}) });
  log.sent(sent);
  if (sent.verdict.status !== 'fail') link.manager = wanted;
}
