import {
  GALLERY_RATE,
  compileRows,
  judgeRate,
  idpOf,
  profileById,
  userLabel,
  type CheckResult,
  type MappingSet,
  type ObjectLog,
  type ObjectSummary,
  type ProfileId,
  type RunMode,
  type RunProgress,
  type RunReport,
  type RunSettings,
  type SourceDirectory,
  type SourceGroup,
  type SourceUser,
} from '@shared/idp';
import { fingerprint, type CycleContext } from './context';
import { deprovisionGroup, provisionGroup } from './group-flow';
import type { LinkState } from './links';
import { ObjectLogBuilder } from './object-log';
import { Pacer } from './pacer';
import { send, type SendDeps } from './sender';
import { runStats, type Sample } from './stats';
import { deprovisionUser, linkManager, provisionUser } from './user-flow';
import type { RequestRunner } from '../request-runner';
import type { HttpExchange } from '@shared/model/exchange';

export interface CycleRequest {
  runId: string;
  profile: ProfileId;
  mode: RunMode;
  endpointId: string;
  /** on-demand and single-user deprovision */
  userId?: string | undefined;
  settings: RunSettings;
  mappings: MappingSet;
  directory: SourceDirectory;
}

export interface CycleDeps {
  runner: RequestRunner;
  links: LinkState;
  /** the endpoint's base URL, for Entra's `$ref` values */
  baseUrl: string;
  signal: AbortSignal;
  readBody?: (exchange: HttpExchange) => Promise<string | undefined> | string | undefined;
  onProgress?: (progress: RunProgress) => void;
  random?: () => number;
}

export interface CycleResult {
  report: RunReport;
  logs: ObjectLog[];
}

/** Runs `fn` over `items` with at most `limit` at a time, in order of start; stops taking new items when aborted. */
async function pool<T>(items: readonly T[], limit: number, signal: AbortSignal, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** One cycle of a client profile over the test directory: the run behind every mode. */
export async function runCycle(request: CycleRequest, deps: CycleDeps): Promise<CycleResult> {
  const profile = profileById(request.profile);
  const startedAt = new Date();
  const runStart = performance.now();
  const samples: Sample[] = [];
  const counters = { retries: 0 };
  const sendDeps: SendDeps = {
    runner: deps.runner,
    endpointId: request.endpointId,
    profile,
    pacer: new Pacer(request.settings.rate),
    signal: deps.signal,
    runStart,
    samples,
    counters,
    ...(deps.readBody ? { readBody: deps.readBody } : {}),
  };
  const userRows = compileRows(request.mappings.user, 'user');
  const ctx: CycleContext = {
    deps: sendDeps,
    profile,
    build: { baseUrl: deps.baseUrl, random: deps.random ?? Math.random },
    settings: request.settings,
    userRows,
    groupRows: compileRows(request.mappings.group, 'group'),
    matching: userRows.filter((r) => r.row.matching !== null).sort((a, b) => a.row.matching! - b.row.matching!),
    directory: request.directory,
    users: new Map(request.directory.users.map((u) => [u.id, u])),
    groups: new Map(request.directory.groups.map((g) => [g.id, g])),
    links: deps.links,
    current: new Map(),
    views: new WeakMap(),
  };
  const notes: string[] = [];
  if (idpOf(request.mappings.profile) !== profile.idp) notes.push(`The mapping file was written for ${request.mappings.profile}; its source attributes may not exist in ${profile.label}.`);
  const logs: ObjectLog[] = [];
  let pendingProgress: ObjectSummary[] = [];
  let lastProgress = 0;
  let stage: RunProgress['stage'] = 'connection';
  let done = 0;
  let total = 0;
  const progress = (force = false) => {
    const now = performance.now();
    if (!deps.onProgress || (!force && now - lastProgress < 150)) return;
    lastProgress = now;
    deps.onProgress({ runId: request.runId, stage, done, total, requests: samples.length, errors: samples.filter((s) => s.status === undefined || s.status >= 400).length, elapsedMs: Math.round(now - runStart), finished: pendingProgress });
    pendingProgress = [];
  };
  const finish = (log: ObjectLogBuilder) => {
    const built = log.build();
    logs.push(built);
    if (deps.onProgress) {
      const { steps: _steps, ...summary } = built;
      pendingProgress.push(summary);
    }
    done++;
    progress();
  };
  let nextIndex = 0;
  const objectLog = (type: ObjectLog['type'], sourceId: string, label: string) => new ObjectLogBuilder(nextIndex++, type, sourceId, label);

  const userTask = (run: (u: SourceUser, log: ObjectLogBuilder) => Promise<void>) => async (user: SourceUser) => {
    const log = objectLog('user', user.id, userLabel(user));
    try {
      await run(user, log);
    } catch (error) {
      if (!isAbort(error)) throw error;
      log.note('export', 'Cancelled', 'skip', 'The run was cancelled before this object finished.');
    } finally {
      finish(log);
    }
  };
  const groupTask = (run: (g: SourceGroup, log: ObjectLogBuilder) => Promise<void>) => async (group: SourceGroup) => {
    const log = objectLog('group', group.id, group.displayName);
    try {
      await run(group, log);
    } catch (error) {
      if (!isAbort(error)) throw error;
      log.note('export', 'Cancelled', 'skip', 'The run was cancelled before this object finished.');
    } finally {
      finish(log);
    }
  };
  const concurrency = request.settings.concurrency;
  const managers = async (users: SourceUser[]) => {
    if (!ctx.userRows.some((r) => r.reference)) return;
    stage = 'references';
    // the reference pass adds its steps to the users' own logs
    const byId = new Map(logs.filter((l) => l.type === 'user').map((l) => [l.sourceId, l]));
    await pool(users, concurrency, deps.signal, async (user) => {
      const log = new ObjectLogBuilder(0, 'user', user.id, userLabel(user));
      try {
        await linkManager(ctx, user, log);
      } catch (error) {
        if (!isAbort(error)) throw error;
      }
      const target = byId.get(user.id);
      if (target && log.steps.length) {
        target.steps.push(...log.steps);
        target.stepCount = target.steps.length;
        const rank = { info: 0, skip: 0, pass: 1, warn: 2, fail: 3 } as const;
        if (rank[log.status] > rank[target.status]) {
          target.status = log.status;
          if (log.status === 'fail') target.summary = log.build().summary;
        }
      }
      progress();
    });
  };

  try {
    const mode = request.mode;
    if (mode === 'on-demand' || (mode === 'deprovision' && request.userId)) {
      const user = request.userId ? ctx.users.get(request.userId) : undefined;
      if (!user) throw new Error(`The test directory has no user with id "${request.userId ?? ''}".`);
      total = 1;
      stage = 'users';
      if (mode === 'on-demand') {
        if (profile.idp === 'okta') notes.push('Okta has no "provision on demand": this is what Okta sends when the user is assigned to the app.');
        else if (profile.id === 'entra-flag') notes.push('Microsoft notes that the aadOptscim062020 flag "currently doesn\'t work with on-demand provisioning": a real on-demand run sends the default shapes.');
        await userTask((u, log) => provisionUser(ctx, u, log))(user);
        await managers([user]);
      } else await userTask((u, log) => deprovisionUser(ctx, u, log))(user);
    } else if (mode === 'deprovision') {
      const users = request.directory.users;
      const groups = request.directory.groups;
      total = users.length + groups.length;
      stage = 'groups';
      // groups first, so their memberships do not point at deleted users
      await pool(groups, concurrency, deps.signal, groupTask((g, log) => deprovisionGroup(ctx, g, log)));
      stage = 'users';
      await pool(users, concurrency, deps.signal, userTask((u, log) => deprovisionUser(ctx, u, log)));
    } else {
      let full = mode === 'full';
      if (mode === 'incremental' && deps.links.cycles === 0) {
        notes.push('No earlier cycle for this endpoint and profile in this session: an incremental cycle has no watermark, so this ran as a full (initial) cycle.');
        full = true;
      }
      const users = full ? request.directory.users : request.directory.users.filter((u) => deps.links.users.get(u.id)?.fingerprint !== fingerprint(u) && (deps.links.users.has(u.id) || (u.assigned && !u.softDeleted)));
      const goneUsers = full ? [] : [...deps.links.users.keys()].filter((id) => !ctx.users.has(id));
      const groups = request.directory.groups;
      const goneGroups = full ? [] : [...deps.links.groups.keys()].filter((id) => !ctx.groups.has(id));
      total = (full ? 1 : 0) + users.length + goneUsers.length + groups.length + goneGroups.length;
      if (full) {
        const log = objectLog('connection', 'test-connection', 'Test connection');
        log.action = 'Test';
        const matchTarget = ctx.matching[0]?.row.target ?? 'userName';
        try {
          for (const planned of profile.testConnection(matchTarget, ctx.build)) log.sent(await send(planned, sendDeps, { phase: 'match' }));
          log.summary(log.failed() ? 'Test connection failed' : 'Test connection succeeded');
        } finally {
          finish(log);
        }
      }
      stage = 'users';
      await pool(users, concurrency, deps.signal, userTask((u, log) => provisionUser(ctx, u, log)));
      const removed = goneUsers.map((id): SourceUser => ({ id, assigned: false, softDeleted: true, attributes: { displayName: `(deleted from the directory) ${id}` } }));
      await pool(removed, concurrency, deps.signal, userTask((u, log) => deprovisionUser(ctx, u, log, { sourceDeleted: true })));
      // references: every linked user whose manager the app does not have yet (no request when it does)
      await managers(request.directory.users);
      stage = 'groups';
      // every group: its membership may change because users were provisioned, even when the group did not
      const changedGroups = full ? groups : groups.filter((g) => deps.links.groups.get(g.id)?.fingerprint !== fingerprint(g) || !deps.links.groups.has(g.id) || membershipMoved(ctx, g));
      total -= groups.length - changedGroups.length;
      await pool(changedGroups, concurrency, deps.signal, groupTask((g, log) => provisionGroup(ctx, g, log)));
      const removedGroups = goneGroups.map((id): SourceGroup => ({ id, displayName: deps.links.groups.get(id)!.displayName, mailNickname: null, description: null, assigned: false, members: [] }));
      await pool(removedGroups, concurrency, deps.signal, groupTask((g, log) => deprovisionGroup(ctx, g, log)));
      if (!deps.signal.aborted) deps.links.cycles++;
    }
  } finally {
    stage = 'done';
    progress(true);
  }

  const finishedAt = new Date();
  const durationMs = performance.now() - runStart;
  const stats = runStats(samples, durationMs, request.settings.rate, counters.retries);
  logs.sort((a, b) => a.index - b.index);
  const summaries = logs.map(({ steps: _steps, ...s }) => s);
  const report: RunReport = {
    runId: request.runId,
    profile: request.profile,
    mode: request.mode,
    endpointId: request.endpointId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    cancelled: deps.signal.aborted,
    settings: request.settings,
    objects: summaries,
    counts: {
      created: summaries.filter((o) => o.action === 'Create' && o.status !== 'fail').length,
      updated: summaries.filter((o) => o.action === 'Update' && o.status !== 'fail').length,
      disabled: summaries.filter((o) => o.action === 'Disable' && o.status !== 'fail').length,
      enabled: summaries.filter((o) => o.action === 'Enable' && o.status !== 'fail').length,
      deleted: summaries.filter((o) => o.action === 'Delete' && o.status !== 'fail').length,
      skipped: summaries.filter((o) => o.action === 'Skip').length,
      failed: summaries.filter((o) => o.status === 'fail').length,
      warned: summaries.filter((o) => o.status === 'warn').length,
    },
    stats,
    checks: checkResults(logs, stats, request),
    notes,
  };
  return { report, logs };
}

/** A group whose wanted members differ from what the app was told (users provisioned or removed since). */
function membershipMoved(ctx: CycleContext, group: SourceGroup): boolean {
  const link = ctx.links.groups.get(group.id);
  if (!link) return true;
  const wanted = group.members.filter((id) => ctx.links.users.has(id) && ctx.users.get(id)?.assigned);
  return wanted.length !== link.members.size || wanted.some((id) => !link.members.has(id));
}

/** The catalogue checks the run's steps exercised (En…/Ok…), worst status first, and the cycle's rate (En22). */
function checkResults(logs: readonly ObjectLog[], stats: RunReport['stats'], request: CycleRequest): CheckResult[] {
  const by = new Map<string, { count: number; failed: number; warned: number; detail: string }>();
  for (const log of logs) {
    for (const step of log.steps) {
      if (!step.request || step.attempt > 0 && step.status === 'warn') continue;
      for (const id of step.request.checks) {
        const entry = by.get(id) ?? { count: 0, failed: 0, warned: 0, detail: '' };
        entry.count++;
        if (step.status === 'fail') {
          entry.failed++;
          if (!entry.detail) entry.detail = `${log.label}: ${step.title}: ${step.verdict?.why ?? step.verdict?.log ?? 'failed'}`;
        } else if (step.status === 'warn') entry.warned++;
        by.set(id, entry);
      }
    }
  }
  const out: CheckResult[] = [...by.entries()].map(([id, e]) => ({
    id,
    status: e.failed ? 'fail' : e.warned ? 'warn' : 'pass',
    count: e.count,
    failed: e.failed,
    detail: e.detail || `${e.count} step${e.count === 1 ? '' : 's'}${e.warned ? `, ${e.warned} with warnings` : ''}`,
  }));
  const throttled = stats.statusCounts['429'] ?? 0;
  if (idpOf(request.profile) === 'entra' && (request.mode === 'full' || request.mode === 'incremental') && stats.requests >= 50 && (request.settings.rate === 0 || request.settings.rate >= GALLERY_RATE)) {
    const errors = Object.entries(stats.statusCounts).filter(([status]) => status === 'no answer' || Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
    const rate = judgeRate({ requests: stats.requests, achievedRate: stats.achievedRate, throttled, errors, p95Ms: stats.latency.p95 });
    out.push({ id: 'En22', status: rate.status, count: stats.requests, failed: throttled + errors, detail: rate.detail });
  }
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return out.sort((a, b) => rank[a.status] - rank[b.status] || a.id.localeCompare(b.id, 'en', { numeric: true }));
}
