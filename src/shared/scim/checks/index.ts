import { createChecks } from './groups/create';
import { discoveryChecks } from './groups/discovery';
import { httpChecks } from './groups/http';
import { attributeChecks } from './groups/attributes';
import { cursorChecks } from './groups/cursor';
import { cursorErrorChecks } from './groups/cursor-errors';
import { filterLogicChecks } from './groups/filter-logic';
import { filterProtocolChecks } from './groups/filter-protocol';
import { filterValueChecks } from './groups/filter-values';
import { pagingChecks } from './groups/paging';
import { searchChecks } from './groups/search';
import { sortChecks } from './groups/sort';
import { assertCatalogue } from './plan';
import type { CheckDefinition } from './types';

/** Every implemented check, one list for the inspector, the runner and the command line. */
export const CHECKS: readonly CheckDefinition[] = [
  ...discoveryChecks,
  ...createChecks,
  ...httpChecks,
  ...filterValueChecks,
  ...filterLogicChecks,
  ...filterProtocolChecks,
  ...sortChecks,
  ...pagingChecks,
  ...cursorChecks,
  ...cursorErrorChecks,
  ...attributeChecks,
  ...searchChecks,
];

assertCatalogue(CHECKS);

export { CATALOGUE, GROUP_LABELS, type CheckGroup, type CatalogueEntry } from './catalogue-data';
export { planChecks, catalogueEntry, unknownSelectors, type PlannedCheck } from './plan';
export type * from './types';
