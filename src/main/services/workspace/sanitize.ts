import type { HeaderRow } from '@shared/model/request-spec';
import type { RequestDraft, Workspace } from '@shared/model/workspace';
import { isSecretHeader } from '@shared/redact/headers';
import { scrubStrings } from '@shared/redact/scrub-value';

function blankSecretHeaders(headers: HeaderRow[]): HeaderRow[] {
  return headers.map((row) => (row.value !== '' && isSecretHeader(row.name) ? { ...row, value: '' } : row));
}

function cleanDraft(draft: RequestDraft): RequestDraft {
  return { ...draft, headers: blankSecretHeaders(draft.headers) };
}

/**
 * What may be written to disk: credential headers typed into a tab lose their value (auth belongs
 * to the endpoint, whose secrets live in the keychain), and every known secret value is replaced
 * wherever else it appears (a token pasted into a body or a path).
 */
export function sanitizeWorkspace(workspace: Workspace, scrub: (text: string) => string): Workspace {
  const cleaned: Workspace = {
    ...workspace,
    tabs: workspace.tabs.map((tab) => ({
      ...tab,
      draft: cleanDraft(tab.draft),
      ...(tab.baseline ? { baseline: cleanDraft(tab.baseline) } : {}),
    })),
  };
  // string values only: a secret spelled like a key must not rename it (issue 12, item 2)
  return scrubStrings(cleaned, scrub);
}
