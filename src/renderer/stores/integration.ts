import { create } from 'zustand';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';

/** An endpoint a collection can run against (from the connections feature). */
export interface EndpointChoice {
  id: string;
  name: string;
}

/** Where a recorded exchange comes from (a history entry, a collection run's step). */
export interface ExchangeOrigin {
  method?: string;
  url?: string;
  name?: string;
}

/** A request file of a collection a tab is opened from (Save writes back to it). */
export interface SavedRequestRef {
  collectionId: string;
  itemId: string;
  collectionName: string;
}

/**
 * Hook points other features plug into the history and collections panels (the workbench's
 * tabs, the endpoints list). Each action is offered in the UI only once it is set.
 */
interface Integration {
  /**
   * open a request in a new workbench tab; for a collection's request (`saved`), a tab already
   * open from it is shown instead, and Save writes back to its file
   */
  openRequest?: (spec: RequestSpec, origin: { name: string; saved?: SavedRequestRef }) => void;
  /**
   * show a recorded exchange in the response inspector, in a new tab that sends to the exchange's
   * endpoint; `name` names the tab (default: method and path)
   */
  openExchange?: (exchange: HttpExchange, origin: ExchangeOrigin) => void;
  /** the endpoints a run may target; without them the panel asks for an endpoint id */
  endpoints: EndpointChoice[];
  set(patch: Partial<Omit<Integration, 'set'>>): void;
}

export const useIntegration = create<Integration>((set) => ({
  endpoints: [],
  set: (patch) => set(patch),
}));
