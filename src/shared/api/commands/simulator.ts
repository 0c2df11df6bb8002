import { z } from 'zod';
import { command } from '../command';
import { CollectionProblem } from '../../model/collection';
import { MappingSet } from '../../idp/mapping/model';
import { ObjectLog, RunMode, RunReport, RunSettings } from '../../idp/report';
import { SourceDirectory } from '../../idp/source/model';
import { ProfileId } from '../../idp/types';

const Source = z.object({ provenance: z.enum(['documented', 'secondary', 'assumed']), cite: z.string() });

export const ProfileInfoSchema = z.object({
  id: ProfileId,
  idp: z.enum(['entra', 'okta']),
  label: z.string(),
  summary: z.string(),
  defaults: RunSettings,
  sources: z.array(Source),
  activeFromMapping: z.boolean(),
  readsBeforeUpdate: z.boolean(),
  deletesUsers: z.boolean(),
  matchesGroups: z.boolean(),
  reads: z.object({ notFound: z.string(), create: z.string(), writes: z.string(), retries: z.string() }),
});

export const MappingProblemSchema = z.object({
  object: z.enum(['user', 'group']),
  rowId: z.string().optional(),
  field: z.enum(['source', 'target', 'matching', 'table']),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  position: z.number().int().optional(),
  length: z.number().int().optional(),
});

export const MappingsView = z.object({
  mappings: MappingSet,
  /** where the table lives on disk (a plain JSON file, for git) */
  file: z.string(),
  /** false: the file does not exist (yet) or could not be used, and these are the defaults */
  fromFile: z.boolean(),
  fileProblem: CollectionProblem.optional(),
  problems: z.array(MappingProblemSchema),
  setAside: z.string().optional(),
});
export type MappingsViewT = z.infer<typeof MappingsView>;

export const DirectoryView = z.object({
  directory: SourceDirectory,
  file: z.string(),
  fromFile: z.boolean(),
  fileProblem: CollectionProblem.optional(),
  problems: z.array(z.string()),
  setAside: z.string().optional(),
});
export type DirectoryViewT = z.infer<typeof DirectoryView>;

export const simulatorCommands = {
  /** the client profiles (Entra ID, Entra ID with aadOptscim062020, Okta PATCH, Okta PUT) */
  'simulator.profiles': command(z.object({}), z.array(ProfileInfoSchema)),
  'simulator.getMappings': command(z.object({ profile: ProfileId }), MappingsView),
  'simulator.saveMappings': command(z.object({ mappings: MappingSet }), MappingsView),
  /** writes the profile's default table to its file */
  'simulator.resetMappings': command(z.object({ profile: ProfileId }), MappingsView),
  'simulator.getDirectory': command(z.object({}), DirectoryView),
  'simulator.saveDirectory': command(z.object({ directory: SourceDirectory }), DirectoryView),
  /** back to the seeded sample users and groups */
  'simulator.resetDirectory': command(z.object({}), DirectoryView),
  /** runs a cycle against an endpoint; objects also arrive as `simulator.progress` events */
  'simulator.run': command(
    z.object({
      runId: z.string().min(1).max(100).optional(),
      endpointId: z.string().min(1),
      profile: ProfileId,
      mode: RunMode,
      /** on-demand, and deprovision of one user */
      userId: z.string().min(1).optional(),
      settings: RunSettings.partial().optional(),
    }),
    RunReport,
  ),
  'simulator.cancel': command(z.object({ runId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
  /** one object's step log of a finished run (the report lists objects without their steps) */
  'simulator.object': command(z.object({ runId: z.string().min(1), index: z.number().int().min(0) }), ObjectLog),
  /** forgets the links and watermark the simulated IdP keeps for an endpoint (like "Restart provisioning") */
  'simulator.forget': command(z.object({ endpointId: z.string().min(1), profile: ProfileId }), z.object({})),
};
