import { create } from 'zustand';
import type { HttpExchange } from '@shared/model/exchange';
import type { RequestSpec } from '@shared/model/request-spec';
import type { HistorySummary } from '@shared/model/history';

/** An endpoint a collection can run against (from the connections feature). */
export interface EndpointChoice {
  id: string;
  name: string;
}

/**
 * Hook points other features plug into the history and collections panels (the workbench's
 * tabs, the endpoints list). Each action is offered in the UI only once it is set.
 */
interface Integration {
  /** open a request in a new workbench tab */
  openRequest?: (spec: RequestSpec, origin: { name: string }) => void;
  /** show a recorded exchange in the response inspector */
  openExchange?: (exchange: HttpExchange, summary: HistorySummary) => void;
  /** the endpoints a run may target; without them the panel asks for an endpoint id */
  endpoints: EndpointChoice[];
  set(patch: Partial<Omit<Integration, 'set'>>): void;
}

export const useIntegration = create<Integration>((set) => ({
  endpoints: [],
  set: (patch) => set(patch),
}));
