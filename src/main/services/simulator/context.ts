import type { BuildContext, ClientProfile, CompiledRow, RunSettings, SourceDirectory, SourceGroup, SourceUser } from '@shared/idp';
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
}

/** The record an incremental cycle compares to see whether a source object changed. */
export function fingerprint(value: SourceUser | SourceGroup): string {
  return JSON.stringify(value);
}
