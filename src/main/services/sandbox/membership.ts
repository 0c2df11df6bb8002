/**
 * Who is a member of which group, both ways, so `User.groups` (RFC 7643 §4.1.2: direct and indirect
 * memberships, read-only) is computed from the groups and never drifts from them.
 */
export class Memberships {
  /** member id (user or group) → the groups that list it directly (short lists: a user is in a few groups) */
  private readonly memberOf = new Map<string, string[]>();
  /** group id → its direct members */
  private readonly members = new Map<string, Set<string>>();

  clear(): void {
    this.memberOf.clear();
    this.members.clear();
  }

  /** Sets a group's direct members; answers which member ids were added or removed. */
  setMembers(groupId: string, next: Iterable<string>): string[] {
    const before = this.members.get(groupId) ?? new Set<string>();
    const after = new Set(next);
    const changed: string[] = [];
    for (const id of before) {
      if (after.has(id)) continue;
      changed.push(id);
      const groups = this.memberOf.get(id)?.filter((g) => g !== groupId);
      if (groups?.length) this.memberOf.set(id, groups);
      else this.memberOf.delete(id);
    }
    for (const id of after) {
      if (before.has(id)) continue;
      changed.push(id);
      const groups = this.memberOf.get(id);
      if (groups) groups.push(groupId);
      else this.memberOf.set(id, [groupId]);
    }
    if (after.size) this.members.set(groupId, after);
    else this.members.delete(groupId);
    return changed;
  }

  directGroupsOf(memberId: string): readonly string[] {
    return this.memberOf.get(memberId) ?? NONE;
  }

  /** Groups reached only through other groups (nested membership), cycles tolerated. */
  indirectGroupsOf(memberId: string): Set<string> {
    const direct = this.directGroupsOf(memberId);
    const seen = new Set<string>();
    const queue = [...direct];
    while (queue.length) {
      const group = queue.pop()!;
      for (const parent of this.directGroupsOf(group)) {
        if (seen.has(parent) || direct.includes(parent) || parent === memberId) continue;
        seen.add(parent);
        queue.push(parent);
      }
    }
    return seen;
  }

  /** Every member id under a group, through nested groups (the group itself excluded). */
  descendantsOf(groupId: string): Set<string> {
    const out = new Set<string>();
    const queue = [groupId];
    while (queue.length) {
      const group = queue.pop()!;
      for (const member of this.members.get(group) ?? EMPTY) {
        if (out.has(member) || member === groupId) continue;
        out.add(member);
        if (this.members.has(member)) queue.push(member);
      }
    }
    return out;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const NONE: readonly string[] = [];
