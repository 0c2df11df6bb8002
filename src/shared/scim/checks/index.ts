import { attributeChecks } from './groups/attributes';
import { authChecks } from './groups/auth';
import { bulkChecks } from './groups/bulk';
import { createChecks } from './groups/create';
import { createInvalidChecks } from './groups/create-invalid';
import { createMoreChecks } from './groups/create-more';
import { cursorChecks } from './groups/cursor';
import { cursorErrorChecks } from './groups/cursor-errors';
import { discoveryChecks } from './groups/discovery';
import { discoveryDocumentChecks } from './groups/discovery-documents';
import { discoverySchemaChecks } from './groups/discovery-schemas';
import { entraGroupChecks } from './groups/entra-groups';
import { entraQueryChecks } from './groups/entra-queries';
import { entraUserChecks } from './groups/entra-users';
import { errorChecks } from './groups/errors';
import { etagChecks } from './groups/etag';
import { filterLogicChecks } from './groups/filter-logic';
import { filterProtocolChecks } from './groups/filter-protocol';
import { filterValueChecks } from './groups/filter-values';
import { httpChecks } from './groups/http';
import { oktaGroupChecks } from './groups/okta-groups';
import { oktaUserChecks } from './groups/okta-users';
import { pagingChecks } from './groups/paging';
import { patchGroupChecks } from './groups/patch-group';
import { patchUserChecks } from './groups/patch-user';
import { patchUserErrorChecks } from './groups/patch-user-errors';
import { performanceChecks } from './groups/performance';
import { putDeleteChecks } from './groups/put-delete';
import { readChecks } from './groups/read';
import { schemaChecks } from './groups/schema';
import { searchChecks } from './groups/search';
import { sortChecks } from './groups/sort';
import { assertCatalogue } from './plan';
import type { CheckDefinition } from './types';

/** Every implemented check, one list for the inspector, the runner and the command line. */
export const CHECKS: readonly CheckDefinition[] = [
  ...discoveryChecks,
  ...discoveryDocumentChecks,
  ...discoverySchemaChecks,
  ...schemaChecks,
  ...createChecks,
  ...createMoreChecks,
  ...createInvalidChecks,
  ...readChecks,
  ...filterValueChecks,
  ...filterLogicChecks,
  ...filterProtocolChecks,
  ...sortChecks,
  ...pagingChecks,
  ...cursorChecks,
  ...cursorErrorChecks,
  ...attributeChecks,
  ...patchUserChecks,
  ...patchUserErrorChecks,
  ...patchGroupChecks,
  ...putDeleteChecks,
  ...etagChecks,
  ...searchChecks,
  ...bulkChecks,
  ...errorChecks,
  ...authChecks,
  ...entraQueryChecks,
  ...entraUserChecks,
  ...entraGroupChecks,
  ...oktaUserChecks,
  ...oktaGroupChecks,
  ...performanceChecks,
  ...httpChecks,
];

assertCatalogue(CHECKS);

export { CATALOGUE, GROUP_LABELS, type CheckGroup, type CatalogueEntry } from './catalogue-data';
export { planChecks, catalogueEntry, unknownSelectors, type PlannedCheck } from './plan';
export type * from './types';
