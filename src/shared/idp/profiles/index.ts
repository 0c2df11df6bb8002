import type { ProfileId } from '../types';
import { entra, entraFlag } from './entra';
import { okta, oktaPut } from './okta';
import type { ClientProfile, ProfileInfo } from './profile';

export const PROFILES: Record<ProfileId, ClientProfile> = { entra, 'entra-flag': entraFlag, okta, 'okta-put': oktaPut };

export function profileById(id: ProfileId): ClientProfile {
  return PROFILES[id];
}

/** The profiles' plain data, for the UI and reports. */
export function profileInfos(): ProfileInfo[] {
  return Object.values(PROFILES).map((p) => ({
    id: p.id,
    idp: p.idp,
    label: p.label,
    summary: p.summary,
    defaults: { ...p.defaults },
    sources: p.sources,
    activeFromMapping: p.activeFromMapping,
    readsBeforeUpdate: p.readsBeforeUpdate,
    deletesUsers: p.deletesUsers,
    matchesGroups: p.matchesGroups,
    reads: { ...p.reads },
  }));
}

export { entra, entraFlag } from './entra';
export { okta, oktaPut } from './okta';
export { entraExamples, MALFORMED_ENTERPRISE_URN, ADSCIM_GROUP_URN, type Example2User } from './entra-examples';
export { oktaSpec, SPEC_UNKNOWN_USER_ID } from './okta-spec';
export type { BuildContext, ClientProfile, Member, PlannedRequest, ProfileInfo } from './profile';
