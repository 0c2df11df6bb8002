import { defaultWorkspace, Layout, WorkspaceTab, Workspace, WORKSPACE_VERSION, MAX_TABS } from '@shared/model/workspace';

export interface SalvageResult {
  workspace: Workspace;
  /** why the file could not be used as it was; undefined when it was fine */
  problem?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads workspace.json leniently: a file that parses whole is used as is; otherwise every tab and
 * the layout that still parse are kept and the rest is reported, so one bad tab loses nothing else.
 */
export function salvageWorkspace(text: string): SalvageResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { workspace: defaultWorkspace(), problem: `not valid JSON: ${(error as Error).message}` };
  }
  const whole = Workspace.safeParse(json);
  if (whole.success) return { workspace: whole.data };
  if (!isRecord(json)) return { workspace: defaultWorkspace(), problem: 'not a JSON object' };
  if (json.version !== undefined && json.version !== WORKSPACE_VERSION) {
    return { workspace: defaultWorkspace(), problem: `version ${JSON.stringify(json.version)} is not one this app knows (${WORKSPACE_VERSION})` };
  }

  const problems: string[] = [];
  const tabs: WorkspaceTab[] = [];
  const rawTabs = Array.isArray(json.tabs) ? json.tabs : [];
  if (json.tabs !== undefined && !Array.isArray(json.tabs)) problems.push('"tabs" is not a list');
  rawTabs.forEach((raw, index) => {
    const tab = WorkspaceTab.safeParse(raw);
    if (tab.success) {
      if (tabs.length < MAX_TABS && !tabs.some((t) => t.id === tab.data.id)) tabs.push(tab.data);
    } else {
      const issue = tab.error.issues[0];
      problems.push(`tab ${index + 1} dropped (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`);
    }
  });
  const layout = Layout.safeParse(json.layout ?? {});
  if (!layout.success) problems.push('the layout was reset');
  const activeTabId = typeof json.activeTabId === 'string' && tabs.some((t) => t.id === json.activeTabId) ? json.activeTabId : tabs[0]?.id;
  const endpointId = Workspace.shape.endpointId.safeParse(json.endpointId);
  if (!endpointId.success) problems.push('the picked endpoint was forgotten');
  return {
    workspace: {
      version: WORKSPACE_VERSION,
      tabs,
      ...(activeTabId ? { activeTabId } : {}),
      layout: layout.success ? layout.data : Layout.parse({}),
      ...(endpointId.success && endpointId.data ? { endpointId: endpointId.data } : {}),
    },
    problem: problems.join('; ') || 'it did not match the expected shape',
  };
}
