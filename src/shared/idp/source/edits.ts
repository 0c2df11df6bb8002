import { cloneJson } from '../../scim/json';
import { userLabel, type SourceDirectory } from './model';

/**
 * What an admin changes in the directory between two cycles, so the next (incremental) cycle sends the
 * IdP's update requests: of the users in scope, the first gets a new display name and job title
 * (several attributes), the second a new job title (one attribute), the third is soft-deleted (disable
 * or deactivate); the first group with two members or more loses its last member, and another group
 * (or the same) is renamed. Deterministic: the same directory gets the same edits.
 */
export function updateCycleEdits(source: SourceDirectory): { directory: SourceDirectory; edits: string[] } {
  const directory = cloneJson(source);
  const edits: string[] = [];
  const [several, one, leaving] = directory.users.filter((u) => u.assigned && !u.softDeleted);
  if (several) {
    const name = several.attributes.displayName ?? userLabel(several);
    several.attributes.displayName = `${name} (Contractor)`;
    several.attributes.jobTitle = `Senior ${several.attributes.jobTitle ?? 'Engineer'}`;
    edits.push(`${userLabel(several)}: displayName and jobTitle changed`);
  }
  if (one) {
    one.attributes.jobTitle = `Acting ${one.attributes.jobTitle ?? 'Manager'}`;
    edits.push(`${userLabel(one)}: jobTitle changed`);
  }
  if (leaving) {
    leaving.softDeleted = true;
    edits.push(`${userLabel(leaving)}: soft-deleted`);
  }
  const groups = directory.groups.filter((g) => g.assigned);
  const shrinking = groups.find((g) => g.members.filter((m) => m !== leaving?.id).length >= 2);
  if (shrinking) {
    const gone = [...shrinking.members].reverse().find((m) => m !== leaving?.id)!;
    shrinking.members = shrinking.members.filter((m) => m !== gone);
    const user = directory.users.find((u) => u.id === gone);
    edits.push(`group "${shrinking.displayName}": ${user ? userLabel(user) : gone} removed`);
  }
  const renamed = groups.find((g) => g !== shrinking) ?? shrinking;
  if (renamed) {
    edits.push(`group "${renamed.displayName}": renamed`);
    renamed.displayName = `${renamed.displayName} (renamed)`;
  }
  return { directory, edits };
}
