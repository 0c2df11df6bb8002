import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface ColumnPrefs {
  /** chosen column keys by resource type name (lower case); absent: the schema's defaults */
  byType: Record<string, string[]>;
  choose(resourceType: string, keys: string[]): void;
  reset(resourceType: string): void;
}

/** The table columns a person picked for each resource type, kept between runs. */
export const useColumnPrefs = create<ColumnPrefs>()(
  persist(
    (set) => ({
      byType: {},
      choose: (resourceType, keys) => set((s) => ({ byType: { ...s.byType, [resourceType.toLowerCase()]: keys } })),
      reset: (resourceType) =>
        set((s) => {
          const rest = { ...s.byType };
          delete rest[resourceType.toLowerCase()];
          return { byType: rest };
        }),
    }),
    { name: 'scim-inspector.inspector.columns', version: 1 },
  ),
);
