import { createChecks } from './groups/create';
import { discoveryChecks } from './groups/discovery';
import { httpChecks } from './groups/http';
import { patchGroupChecks } from './groups/patch-group';
import { patchUserChecks } from './groups/patch-user';
import { performanceChecks } from './groups/performance';
import { assertCatalogue } from './plan';
import type { CheckDefinition } from './types';

/** Every implemented check, one list for the inspector, the runner and the command line. */
export const CHECKS: readonly CheckDefinition[] = [...discoveryChecks, ...createChecks, ...httpChecks, ...patchUserChecks, ...patchGroupChecks, ...performanceChecks];

assertCatalogue(CHECKS);

export { CATALOGUE, GROUP_LABELS, type CheckGroup, type CatalogueEntry } from './catalogue-data';
export { planChecks, catalogueEntry, unknownSelectors, type PlannedCheck } from './plan';
export type * from './types';
