import { z } from 'zod';
import { OFFERED_PERSONAL_DATA_PATHS } from './attribute-paths';

export const RedactionOptions = z.object({
  /** attribute paths whose values get pseudonyms (`password` is always redacted) */
  personalData: z.array(z.string().min(1)).default([...OFFERED_PERSONAL_DATA_PATHS]),
  /** more header names whose value is a credential (an endpoint's API-key header) */
  secretHeaders: z.array(z.string().min(1)).default([]),
});
export type RedactionOptions = z.infer<typeof RedactionOptions>;

/** What an export redacts: listed before it is written, so the user can check. Never a secret value. */
export const RedactionPreview = z.object({
  secretHeaders: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** occurrences of known secret values (tokens, passwords from the vault) replaced */
  secretValues: z.number().int(),
  /** one row per distinct personal value: what it becomes, and how often it was replaced */
  personalData: z.array(z.object({ path: z.string(), original: z.string(), pseudonym: z.string(), count: z.number().int() })),
  /** `password` attribute values replaced */
  alwaysRedacted: z.number().int(),
  /** the attribute paths in force */
  paths: z.array(z.string()),
});
export type RedactionPreview = z.infer<typeof RedactionPreview>;
