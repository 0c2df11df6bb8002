import { computeTargets, diffTargets, groupView, userLabel, type Member, type SourceGroup } from '@shared/idp';
import type { JsonObject } from '@shared/scim';
import { fingerprint, type CycleContext } from './context';
import { shown, type ObjectLogBuilder } from './object-log';
import { send } from './sender';

const who = (ctx: CycleContext) => (ctx.profile.idp === 'entra' ? 'Entra' : 'Okta');

function importStep(ctx: CycleContext, group: SourceGroup, log: ObjectLogBuilder): void {
  const view = groupView(ctx.profile.idp, group);
  const rows = Object.entries(view)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([name, value]) => ({ name, value: String(value) }));
  rows.push({ name: 'members', value: `${group.members.length} user${group.members.length === 1 ? '' : 's'}` });
  log.note('import', 'Import the group', 'info', `Source id ${group.id}`, rows);
}

/** The members the app should hold: the group's members the IdP has provisioned (and that are still in scope). */
function wantedMembers(ctx: CycleContext, group: SourceGroup): { ids: string[]; pending: string[] } {
  const ids: string[] = [];
  const pending: string[] = [];
  for (const id of group.members) {
    const user = ctx.users.get(id);
    if (!user || !user.assigned) continue;
    if (ctx.links.users.has(id)) ids.push(id);
    else pending.push(userLabel(user));
  }
  return { ids, pending };
}

function member(ctx: CycleContext, sourceId: string): Member | undefined {
  const link = ctx.links.users.get(sourceId);
  return link ? { value: link.targetId, ...(link.display ? { display: link.display } : {}) } : undefined;
}

async function find(ctx: CycleContext, group: SourceGroup, log: ObjectLogBuilder): Promise<{ ok: boolean; current?: JsonObject; targetId?: string }> {
  const link = ctx.links.groups.get(group.id);
  if (link) {
    const sent = await send(ctx.profile.getGroup(link.targetId), ctx.deps, { phase: 'match' });
    log.sent(sent);
    if (sent.verdict.status === 'fail') return { ok: false };
    if (sent.verdict.found?.resource) return { ok: true, current: sent.verdict.found.resource, targetId: link.targetId };
    ctx.links.groups.delete(group.id);
  }
  const planned = ctx.profile.matchGroup(group.displayName);
  if (!planned) {
    log.note('match', 'Match', 'info', `${who(ctx)} Group Push does not query for the group: it creates it.`);
    return { ok: true };
  }
  const sent = await send(planned, ctx.deps, { phase: 'match', matchValue: group.displayName });
  log.sent(sent);
  if (sent.verdict.status === 'fail') return { ok: false };
  return sent.verdict.found?.id ? { ok: true, current: sent.verdict.found.resource!, targetId: sent.verdict.found.id } : { ok: true };
}

async function syncMembers(ctx: CycleContext, group: SourceGroup, log: ObjectLogBuilder, targetId: string, displayName: string, renamed: boolean): Promise<boolean> {
  const link = ctx.links.groups.get(group.id)!;
  const { ids, pending } = wantedMembers(ctx, group);
  if (pending.length) log.note('action', 'Members not provisioned yet', 'info', `${pending.length} member${pending.length === 1 ? ' is' : 's are'} not in the app yet (${pending.slice(0, 5).join(', ')}${pending.length > 5 ? ', …' : ''}): ${who(ctx)} adds ${pending.length === 1 ? 'it' : 'them'} once provisioned.`);
  if (!ctx.groupRows.some((r) => r.members)) return true;
  const wanted = new Set(ids);
  const add = ids.filter((id) => !link.members.has(id));
  const remove = [...link.members].filter((id) => !wanted.has(id));
  const all = ids.map((id) => member(ctx, id)).filter((m): m is Member => m !== undefined);
  if (add.length === 0 && remove.length === 0) return true;
  const removeMembers = remove.map((id) => member(ctx, id) ?? { value: id });
  const addMembers = add.map((id) => member(ctx, id)).filter((m): m is Member => m !== undefined);
  log.note('action', 'Memberships', 'info', `${add.length} to add, ${remove.length} to remove`);
  let ok = true;
  const requests = ctx.profile.membership(targetId, displayName, addMembers, removeMembers, all, ctx.settings.membersPerRequest);
  for (const planned of requests) {
    // Okta sends the name with every membership update; skip it when this run already renamed the group
    if (renamed && planned.kind === 'rename-group') continue;
    const sent = await send(planned, ctx.deps, { phase: 'export' });
    log.sent(sent);
    if (sent.verdict.status === 'fail') ok = false;
  }
  if (ok) link.members = new Set(ids);
  return ok;
}

/** One group: create or update it, then its memberships. */
export async function provisionGroup(ctx: CycleContext, group: SourceGroup, log: ObjectLogBuilder): Promise<void> {
  importStep(ctx, group, log);
  const linked = ctx.links.groups.get(group.id);
  if (!group.assigned) {
    if (!linked) {
      log.note('scope', 'Determine if the group is in scope', 'skip', 'Out of scope: not assigned to the app, never provisioned.');
      log.action = 'Skip';
      log.summary('Skipped: not assigned');
      return;
    }
    return deprovisionGroup(ctx, group, log, false);
  }
  log.note('scope', 'Determine if the group is in scope', 'info', 'In scope: assigned to the app.');
  const found = await find(ctx, group, log);
  if (!found.ok) {
    log.summary('Match failed');
    return;
  }
  const view = groupView(ctx.profile.idp, group);
  if (!found.targetId) {
    const computed = computeTargets(ctx.groupRows, view, true);
    log.action = 'Create';
    log.note('action', 'Action: Create', 'info', undefined, computed.values.map((v) => ({ name: v.row.target.text, value: shown(v.value) })));
    const sent = await send(ctx.profile.createGroup(computed.values, group), ctx.deps, { phase: 'export' });
    log.sent(sent);
    if (sent.verdict.status === 'fail' || !sent.verdict.found?.id) {
      log.summary('Create failed');
      return;
    }
    const targetId = sent.verdict.found.id;
    log.targetId = targetId;
    ctx.links.groups.set(group.id, { targetId, fingerprint: fingerprint(group), displayName: group.displayName, members: new Set() });
    const ok = await syncMembers(ctx, group, log, targetId, group.displayName, false);
    log.summary(ok ? `Created ${targetId}` : 'Created; memberships failed');
    return;
  }
  const targetId = found.targetId;
  log.targetId = targetId;
  const previous = ctx.links.groups.get(group.id);
  ctx.links.groups.set(group.id, { targetId, fingerprint: fingerprint(group), displayName: group.displayName, members: previous?.members ?? new Set() });
  const changes = diffTargets(computeTargets(ctx.groupRows, view, false).values, found.current).filter((c) => c.row.target.name === 'displayName');
  let renamed = false;
  if (changes.length) {
    log.action = 'Update';
    log.note('action', 'Action: Update', 'info', 'Modified properties:', changes.map((c) => ({ name: c.row.target.text, value: shown(c.value), ...(c.current !== undefined ? { old: shown(c.current) } : {}) })));
    const { ids } = wantedMembers(ctx, group);
    const all = ids.map((id) => member(ctx, id)).filter((m): m is Member => m !== undefined);
    const sent = await send(ctx.profile.renameGroup(targetId, group.displayName, all), ctx.deps, { phase: 'export', current: found.current! });
    log.sent(sent);
    if (sent.verdict.status === 'fail') {
      log.summary('Rename failed');
      return;
    }
    renamed = true;
  } else log.note('action', 'Action: none for the group\'s attributes', 'pass', 'displayName already matches.');
  const ok = await syncMembers(ctx, group, log, targetId, group.displayName, renamed);
  if (log.action === 'None' && log.steps.some((s) => s.kind === 'add-members' || s.kind === 'remove-members' || s.kind === 'replace-members')) log.action = 'Update';
  log.summary(ok ? `${log.action === 'None' ? 'Up to date' : 'Updated'} ${targetId}` : 'Membership update failed');
}

/** Deletes a group the IdP provisioned (Entra on deletion or unassignment; Okta when the pushed group is unlinked with "delete in the app"). */
export async function deprovisionGroup(ctx: CycleContext, group: SourceGroup, log: ObjectLogBuilder, withImport = true): Promise<void> {
  if (withImport) importStep(ctx, group, log);
  log.note('scope', 'Determine if the group is in scope', 'info', 'Removed from scope: deprovision.');
  let targetId = ctx.links.groups.get(group.id)?.targetId;
  if (!targetId) {
    const planned = ctx.profile.matchGroup(group.displayName);
    if (!planned) {
      log.note('match', 'Match', 'skip', `${who(ctx)} only deletes groups it pushed; this one is not linked.`);
      log.action = 'Skip';
      log.summary('Skipped: never pushed');
      return;
    }
    const sent = await send(planned, ctx.deps, { phase: 'match', matchValue: group.displayName });
    log.sent(sent);
    targetId = sent.verdict.found?.id;
    if (!targetId) {
      log.action = 'Skip';
      log.summary(sent.verdict.status === 'fail' ? 'Match failed' : 'Skipped: not in the app');
      return;
    }
  }
  log.targetId = targetId;
  log.action = 'Delete';
  log.note('action', 'Action: Delete', 'info');
  const sent = await send(ctx.profile.deleteGroup(targetId), ctx.deps, { phase: 'export' });
  log.sent(sent);
  if (sent.verdict.status !== 'fail') ctx.links.groups.delete(group.id);
  log.summary(sent.verdict.status === 'fail' ? 'Delete failed' : `Deleted ${targetId}`);
}
