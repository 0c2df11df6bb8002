import { z } from 'zod';
import { ProfileId } from '../types';

/**
 * One row of an attribute-mapping table, as Entra ID's "Attribute Mapping" page and Okta's
 * "To App" mappings show them: a source attribute or expression, the SCIM attribute it sets, whether it
 * is a matching attribute (and with what precedence), and when it applies.
 */
export const MappingRow = z.object({
  /** stable id for the editor and diffs */
  id: z.string().min(1).max(100),
  /** `[mail]`, `"User"`, `Switch([IsSoftDeleted], , "False", "True", "True", "False")`, `user.firstName` */
  source: z.string().max(2000),
  /** a SCIM attribute path: `userName`, `name.givenName`, `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager` */
  target: z.string().min(1).max(500),
  /** matching precedence (1 is tried first); null: not used to match */
  matching: z.number().int().min(1).max(10).nullable().default(null),
  /** Entra's "Apply this mapping": always, or only when the object is created */
  apply: z.enum(['always', 'create']).default('always'),
  note: z.string().max(1000).optional(),
});
export type MappingRow = z.infer<typeof MappingRow>;

export const MAPPING_VERSION = 1;

/** A mapping file: one per client profile, a plain JSON file meant to live in git. */
export const MappingSet = z.object({
  version: z.literal(MAPPING_VERSION).default(MAPPING_VERSION),
  profile: ProfileId,
  user: z.array(MappingRow).max(300),
  group: z.array(MappingRow).max(100).default([]),
});
export type MappingSet = z.infer<typeof MappingSet>;

export type MappingObject = 'user' | 'group';

/** One thing wrong (error) or worth knowing (warning) about a mapping row. */
export interface MappingProblem {
  object: MappingObject;
  /** the row's id; absent for a problem of the whole table */
  rowId?: string;
  field: 'source' | 'target' | 'matching' | 'table';
  severity: 'error' | 'warning';
  message: string;
  /** where in the field's text, for expression and path errors */
  position?: number;
  length?: number;
}
