import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type DiscoverySection = 'capabilities' | 'resourceTypes' | 'schemas' | 'raw';

interface DiscoveryViewState {
  section: DiscoverySection;
  /** the schema open in the Schemas section, by URN */
  schemaId?: string;
  query: string;
  show(section: DiscoverySection, schemaId?: string): void;
  setQuery(query: string): void;
}

/** What the Discovery view is showing (of the endpoint picked in the sidebar's switcher); the section is kept between runs. */
export const useDiscoveryView = create<DiscoveryViewState>()(
  persist(
    (set) => ({
      section: 'capabilities',
      query: '',
      show: (section, schemaId) => set((s) => ({ section, schemaId: schemaId ?? s.schemaId })),
      setQuery: (query) => set({ query }),
    }),
    { name: 'scim-inspector.discovery-view', version: 1, partialize: (s) => ({ section: s.section }) },
  ),
);
