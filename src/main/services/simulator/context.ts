import { userView, type BuildContext, type ClientProfile, type CompiledRow, type RunSettings, type SourceDirectory, type SourceGroup, type SourceUser, type SourceView } from '@shared/idp';
import type { JsonObject } from '@shared/scim';
import type { LinkState } from './links';
import type { SendDeps } from './sender';

/** Everything one run's object flows share. */
export interface CycleContext {
  deps: SendDeps;
  profile: ClientProfile;
  build: BuildContext;
  settings: RunSettings;
  userRows: CompiledRow[];
  groupRows: CompiledRow[];
  /** user rows with a matching precedence, in precedence order */
  matching: CompiledRow[];
  directory: SourceDirectory;
  users: Map<string, SourceUser>;
  groups: Map<string, SourceGroup>;
  links: LinkState;
  /** the app's copy of each user this run read (for the manager pass) */
  current: Map<string, JsonObject>;
  /** each user's source view, built once a run */
  views: WeakMap<SourceUser, SourceView>;
}

/** What the mappings read for a user, built once per run. */
export function viewOf(ctx: CycleContext, user: SourceUser): SourceView {
  let view = ctx.views.get(user);
  if (!view) ctx.views.set(user, (view = userView(ctx.profile.idp, user)));
  return view;
}

/** The record an incremental cycle compares to see whether a source object changed. */
export function fingerprint(value: SourceUser | SourceGroup): string {
  return JSON.stringify(value);
}
