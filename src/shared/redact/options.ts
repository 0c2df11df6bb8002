import { z } from 'zod';
import { OFFERED_PERSONAL_DATA_PATHS } from './attribute-paths';

export const RedactionOptions = z.object({
  /** attribute paths whose values get pseudonyms (`password` is always redacted) */
  personalData: z.array(z.string().min(1)).default([...OFFERED_PERSONAL_DATA_PATHS]),
  /** more header names whose value is a credential (an endpoint's API-key header) */
  secretHeaders: z.array(z.string().min(1)).default([]),
});
export type RedactionOptions = z.infer<typeof RedactionOptions>;

export const ReplacementKind = z.enum([
  /** a header whose value is a credential (Authorization, Cookie, an API-key header…) */
  'secret-header',
  /** a secret value the app holds (vault entries, the exact values the engine sent), wherever it was */
  'known-secret',
  /** `user:password@` in a URL */
  'user-info',
  /** a URL parameter named like a credential (`access_token`, `client_secret`, `code`…) */
  'url-parameter',
  /** a form field named like a credential */
  'form-field',
  /** a JSON member named like a credential (also in bodies that do not parse) */
  'json-member',
  /** `name=value`, `name: value` or `<name>value</name>` in other text */
  'text-field',
  /** a credential found in the exchange (typed into a header, in its URL or body), where else it appeared */
  'echoed-credential',
]);
export type ReplacementKind = z.infer<typeof ReplacementKind>;

/** One row of what was replaced: which kind, named how, where, how often. Never the value. */
export const Replacement = z.object({
  kind: ReplacementKind,
  /** the header, parameter or member name, when the rule is about a name */
  name: z.string().optional(),
  /** 'URL', 'request headers', 'request body', 'response headers', 'response body', 'redirects', 'other fields' */
  where: z.string(),
  count: z.number().int(),
});
export type Replacement = z.infer<typeof Replacement>;

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
  /** every credential replacement, by kind, name and place */
  replacements: z.array(Replacement).optional(),
});
export type RedactionPreview = z.infer<typeof RedactionPreview>;
