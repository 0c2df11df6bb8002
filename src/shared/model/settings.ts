import { z } from 'zod';

const MiB = 1024 * 1024;

export const HttpSettings = z.object({
  /** past this, a response body is cut and saved to a file */
  bodyCapBytes: z.number().int().min(1024).default(100 * MiB),
  /** how much of a body the renderer gets inline */
  previewBytes: z.number().int().min(1024).default(256 * 1024),
  connectTimeoutMs: z.number().int().min(1).default(10_000),
  headersTimeoutMs: z.number().int().min(1).default(30_000),
  bodyTimeoutMs: z.number().int().min(1).default(300_000),
});

export const HistorySettings = z.object({
  enabled: z.boolean().default(true),
  maxEntries: z.number().int().min(1).default(50_000),
  maxAgeDays: z.number().int().min(1).default(90),
  maxBytes: z.number().int().min(MiB).default(1024 * MiB),
  /** bodies larger than this are kept as files next to the database */
  inlineBodyBytes: z.number().int().min(1024).default(256 * 1024),
});

export const UiSettings = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});

/** Versioned; `migrateSettings` upgrades older files. */
export const Settings = z.object({
  version: z.literal(1).default(1),
  http: HttpSettings.default(HttpSettings.parse({})),
  history: HistorySettings.default(HistorySettings.parse({})),
  ui: UiSettings.default(UiSettings.parse({})),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.object({
  http: HttpSettings.partial().optional(),
  history: HistorySettings.partial().optional(),
  ui: UiSettings.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
