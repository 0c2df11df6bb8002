import type { ProfileId } from '@shared/idp';

/** What the IdP remembers about a user it provisioned: its id in the app and what it last sent. */
export interface UserLink {
  targetId: string;
  /** the source record as of the last cycle that processed it (for incremental cycles) */
  fingerprint: string;
  /** the manager's source id last set in the app (undefined: never set) */
  manager?: string | null;
  /** the userName the app holds (Okta's member display) */
  display?: string;
}

export interface GroupLink {
  targetId: string;
  fingerprint: string;
  displayName: string;
  /** source ids of the members the app was told about */
  members: Set<string>;
}

/** The IdP's memory for one app: Entra's cached target ids and watermark, per endpoint and profile. */
export class LinkState {
  readonly users = new Map<string, UserLink>();
  readonly groups = new Map<string, GroupLink>();
  /** cycles that ran to the end (an incremental cycle needs one before it) */
  cycles = 0;
}

/** Link states by endpoint and profile, for the session (a restart starts from nothing, like a new job). */
export class LinkStore {
  private readonly states = new Map<string, LinkState>();

  get(endpointId: string, profile: ProfileId): LinkState {
    const key = `${endpointId}\u0000${profile}`;
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = new LinkState()));
    return state;
  }

  clear(endpointId: string, profile: ProfileId): void {
    this.states.delete(`${endpointId}\u0000${profile}`);
  }
}
