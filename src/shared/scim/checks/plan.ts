import type { ConformanceProfile } from '../../model/conformance';
import { CATALOGUE, GROUP_LABELS, type CatalogueEntry, type CheckGroup } from './catalogue-data';
import type { CheckDefinition, ServerFacts } from './types';

const ENTRIES = new Map(CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry of an id (case-insensitive), or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return ENTRIES.get(id) ?? CATALOGUE.find((e) => e.id.toLowerCase() === id.toLowerCase());
}

export function groupLabel(group: CheckGroup): string {
  return GROUP_LABELS[group];
}

/** Checks every definition names a catalogue id, once; throws listing the problems otherwise. */
export function assertCatalogue(checks: readonly CheckDefinition[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const check of checks) {
    if (!ENTRIES.has(check.id)) problems.push(`${check.id} is not in the catalogue`);
    if (seen.has(check.id)) problems.push(`${check.id} is defined twice`);
    seen.add(check.id);
  }
  if (problems.length > 0) throw new Error(`Check catalogue: ${problems.join('; ')}`);
}

export interface PlanOptions {
  profile: ConformanceProfile;
  readOnly: boolean;
  /** group keys or labels, or check ids; empty: all */
  only: readonly string[];
}

export interface PlannedCheck {
  check: CheckDefinition;
  entry: CatalogueEntry;
  /** set when the check is not run: why */
  skip?: string;
}

/** Which entries `only` (group keys, group names or ids, any case) selects; empty: all. */
function selector(only: readonly string[]): (entry: CatalogueEntry) => boolean {
  if (only.length === 0) return () => true;
  const names = new Set(only.map((item) => item.trim().toLowerCase()));
  return (entry) => names.has(entry.id.toLowerCase()) || names.has(entry.group) || names.has(GROUP_LABELS[entry.group].toLowerCase());
}

/** Names in `only` that select nothing (a typo on the command line deserves an error, not an empty run). */
export function unknownSelectors(only: readonly string[]): string[] {
  return only.filter((item) => !CATALOGUE.some(selector([item])));
}

/**
 * Which checks of the catalogue a run takes, in catalogue order: the profile's, the selected ones;
 * a mutating check in read-only mode and a check whose feature the server does not claim are kept
 * with the reason they are skipped.
 */
export function planChecks(checks: readonly CheckDefinition[], facts: ServerFacts, options: PlanOptions): PlannedCheck[] {
  const order = new Map(CATALOGUE.map((entry, index) => [entry.id, index]));
  const planned: PlannedCheck[] = [];
  const selected = selector(options.only);
  for (const check of checks) {
    const entry = ENTRIES.get(check.id);
    if (!entry || !selected(entry)) continue;
    if (check.profiles && !check.profiles.includes(options.profile)) continue;
    let skip: string | undefined;
    if (options.readOnly && check.run && check.mutates) skip = 'Read-only run: this check creates, changes or deletes resources';
    skip ??= check.requires?.(facts, options.profile);
    planned.push({ check, entry, ...(skip !== undefined ? { skip } : {}) });
  }
  return planned.sort((a, b) => order.get(a.entry.id)! - order.get(b.entry.id)!);
}
