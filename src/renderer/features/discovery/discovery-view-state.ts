import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type DiscoverySection = 'capabilities' | 'resourceTypes' | 'schemas' | 'raw';

interface DiscoveryViewState {
  /** the endpoint the view shows (absent: the app's default endpoint) */
  endpointId?: string;
  section: DiscoverySection;
  /** the schema open in the Schemas section, by URN */
  schemaId?: string;
  query: string;
  selectEndpoint(id: string): void;
  show(section: DiscoverySection, schemaId?: string): void;
  setQuery(query: string): void;
}

/** What the Discovery view is showing; the endpoint and section are kept between runs. */
export const useDiscoveryView = create<DiscoveryViewState>()(
  persist(
    (set) => ({
      section: 'capabilities',
      query: '',
      selectEndpoint: (endpointId) => set({ endpointId, schemaId: undefined }),
      show: (section, schemaId) => set((s) => ({ section, schemaId: schemaId ?? s.schemaId })),
      setQuery: (query) => set({ query }),
    }),
    { name: 'scim-inspector.discovery-view', version: 1, partialize: (s) => ({ endpointId: s.endpointId, section: s.section }) },
  ),
);
