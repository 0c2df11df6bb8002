import { z } from 'zod';
import { command } from '../command';
import { Workspace } from '../../model/workspace';

export const WorkspaceLoad = z.object({
  workspace: Workspace,
  /** no workspace was ever saved in this data directory (the workbench opens a starter tab) */
  firstRun: z.boolean(),
  /** the stored file was damaged and set aside (what could be saved from it is in `workspace`) */
  notice: z.string().optional(),
});
export type WorkspaceLoad = z.infer<typeof WorkspaceLoad>;

export const workspaceCommands = {
  /** the open tabs, their drafts and the layout as last saved */
  'workspace.get': command(z.object({}), WorkspaceLoad),
  /**
   * Replaces the stored workspace. Written to disk shortly after (saves in quick succession are
   * coalesced); secret header values and known secret values are removed first.
   */
  'workspace.save': command(z.object({ workspace: Workspace }), z.object({ savedAt: z.string() })),
};
