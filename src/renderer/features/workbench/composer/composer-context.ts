import { createContext, useContext } from 'react';
import type { EndpointView } from '@shared/model/endpoint';
import type { RequestDraft } from '@shared/model/workspace';
import type { ScimResourceType } from '@shared/scim';
import type { TabRuntime } from '../../../stores/runtime';
import type { EndpointSchema } from '../connection/endpoint-schema';
import type { PresetContext } from '../model/presets';

export type Section = 'query' | 'body' | 'operations' | 'headers';

export interface ComposerContextValue {
  tabId: string;
  draft: RequestDraft;
  update(change: (draft: RequestDraft) => RequestDraft): void;
  endpoint: EndpointView | undefined;
  /** the variables of the collection the tab belongs to (empty for none) */
  collectionVariables: Record<string, string>;
  schema: EndpointSchema;
  resourceType: ScimResourceType | undefined;
  preset: PresetContext;
  runtime: TabRuntime;
  section: Section;
  setSection(section: Section): void;
  send(): void;
  cancel(): void;
  /**
   * the composer of a collection's request file (the Collections view), not of a tab: no Send,
   * no endpoint choice of its own, no Save buttons of a tab (the view has its own)
   */
  embedded?: boolean;
}

export const ComposerContext = createContext<ComposerContextValue | null>(null);

export function useComposer(): ComposerContextValue {
  const value = useContext(ComposerContext);
  if (!value) throw new Error('useComposer() outside a request view');
  return value;
}
