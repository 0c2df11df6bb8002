import type { WorkspaceStore } from '../../services/workspace/workspace-store';
import type { Handlers } from '../router';

export function workspaceHandlers(store: WorkspaceStore): Pick<Handlers, 'workspace.get' | 'workspace.save'> {
  return {
    'workspace.get': () => store.get(),
    'workspace.save': ({ workspace }) => store.save(workspace),
  };
}
