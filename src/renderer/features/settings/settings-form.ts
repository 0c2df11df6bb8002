import type { Settings, SettingsPatch } from '@shared/model/settings';

const KiB = 1024;
const MiB = 1024 * 1024;

export type SettingsSectionId = 'requests' | 'history';

/** One numeric setting as the form shows it: in a unit people think in, checked before it is sent. */
export interface NumberField {
  id: string;
  section: SettingsSectionId;
  label: string;
  unit: 'ms' | 'KB' | 'MB' | 'entries' | 'days';
  /** stored value per unit (bytes per KB…; 1 for ms, entries, days) */
  scale: number;
  /** smallest and largest value, in the unit */
  min: number;
  max: number;
  /** what it does, in one line */
  hint: string;
  read(settings: Settings): number;
  patch(stored: number): SettingsPatch;
}

export const NUMBER_FIELDS: NumberField[] = [
  {
    id: 'connectTimeout',
    section: 'requests',
    label: 'Connect timeout',
    unit: 'ms',
    scale: 1,
    min: 1,
    max: 600_000,
    hint: 'How long to wait for the TCP connection (and TLS handshake) to open.',
    read: (s) => s.http.connectTimeoutMs,
    patch: (v) => ({ http: { connectTimeoutMs: v } }),
  },
  {
    id: 'headersTimeout',
    section: 'requests',
    label: 'Response headers timeout',
    unit: 'ms',
    scale: 1,
    min: 1,
    max: 3_600_000,
    hint: 'How long the server may take to start answering once the request is sent.',
    read: (s) => s.http.headersTimeoutMs,
    patch: (v) => ({ http: { headersTimeoutMs: v } }),
  },
  {
    id: 'bodyTimeout',
    section: 'requests',
    label: 'Whole body timeout',
    unit: 'ms',
    scale: 1,
    min: 1,
    max: 86_400_000,
    hint: 'How long receiving the response body may take in all.',
    read: (s) => s.http.bodyTimeoutMs,
    patch: (v) => ({ http: { bodyTimeoutMs: v } }),
  },
  {
    id: 'previewBytes',
    section: 'requests',
    label: 'Body preview',
    unit: 'KB',
    scale: KiB,
    min: 1,
    max: 64 * 1024,
    hint: 'How much of a response body the inspector gets at once; the rest is read on demand.',
    read: (s) => s.http.previewBytes,
    patch: (v) => ({ http: { previewBytes: v } }),
  },
  {
    id: 'bodyCap',
    section: 'requests',
    label: 'Body size cap',
    unit: 'MB',
    scale: MiB,
    min: 1,
    max: 16 * 1024,
    hint: 'A response body larger than this is cut here and saved to a file.',
    read: (s) => s.http.bodyCapBytes,
    patch: (v) => ({ http: { bodyCapBytes: v } }),
  },
  {
    id: 'maxEntries',
    section: 'history',
    label: 'Keep at most',
    unit: 'entries',
    scale: 1,
    min: 1,
    max: 10_000_000,
    hint: 'The oldest entries go first once history holds more.',
    read: (s) => s.history.maxEntries,
    patch: (v) => ({ history: { maxEntries: v } }),
  },
  {
    id: 'maxAgeDays',
    section: 'history',
    label: 'Keep entries for',
    unit: 'days',
    scale: 1,
    min: 1,
    max: 36_500,
    hint: 'Older entries are deleted.',
    read: (s) => s.history.maxAgeDays,
    patch: (v) => ({ history: { maxAgeDays: v } }),
  },
  {
    id: 'maxBytes',
    section: 'history',
    label: 'History size limit',
    unit: 'MB',
    scale: MiB,
    min: 1,
    max: 1024 * 1024,
    hint: 'The database and its body files together; the oldest entries go first past this.',
    read: (s) => s.history.maxBytes,
    patch: (v) => ({ history: { maxBytes: v } }),
  },
  {
    id: 'inlineBodyBytes',
    section: 'history',
    label: 'Keep bodies in the database up to',
    unit: 'KB',
    scale: KiB,
    min: 1,
    max: 1024 * 1024,
    hint: 'Larger bodies are kept as files next to the database.',
    read: (s) => s.history.inlineBodyBytes,
    patch: (v) => ({ history: { inlineBodyBytes: v } }),
  },
];

/** The form's text for a stored value: whole numbers as is, fractions of a unit to two places. */
export function shown(field: NumberField, stored: number): string {
  const value = stored / field.scale;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** The stored value the text stands for, or why it cannot be saved. */
export function parseField(field: NumberField, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `${field.label} is empty: enter a number of ${field.unit}.` };
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return { error: `“${trimmed}” is not a number.` };
  if (field.scale === 1 && !Number.isInteger(number)) return { error: `Use a whole number of ${field.unit}.` };
  if (number < field.min) return { error: `At least ${field.min.toLocaleString('en-US')} ${field.unit}.` };
  if (number > field.max) return { error: `At most ${field.max.toLocaleString('en-US')} ${field.unit}.` };
  return { value: Math.round(number * field.scale) };
}

export type FormValues = Record<string, string>;

export function formValues(settings: Settings): FormValues {
  return Object.fromEntries(NUMBER_FIELDS.map((f) => [f.id, shown(f, f.read(settings))]));
}

export interface Checked {
  errors: Record<string, string>;
  /** the changed settings, when there is no error */
  patch: SettingsPatch;
  changed: number;
}

/** Checks every field and the rules between them; collects what differs from `saved` into one patch. */
export function checkForm(values: FormValues, flags: { historyEnabled: boolean; theme: Settings['ui']['theme'] }, saved: Settings): Checked {
  const errors: Record<string, string> = {};
  const parsed: Record<string, number> = {};
  for (const field of NUMBER_FIELDS) {
    const result = parseField(field, values[field.id] ?? '');
    if ('error' in result) errors[field.id] = result.error;
    else parsed[field.id] = result.value;
  }
  if (parsed.previewBytes !== undefined && parsed.bodyCap !== undefined && parsed.previewBytes > parsed.bodyCap) {
    errors.previewBytes = 'The preview cannot be larger than the body size cap.';
  }
  const patch: SettingsPatch = {};
  let changed = 0;
  const merge = (part: SettingsPatch) => {
    if (part.http) patch.http = { ...patch.http, ...part.http };
    if (part.history) patch.history = { ...patch.history, ...part.history };
    if (part.ui) patch.ui = { ...patch.ui, ...part.ui };
    changed++;
  };
  for (const field of NUMBER_FIELDS) {
    const value = parsed[field.id];
    if (value !== undefined && value !== field.read(saved)) merge(field.patch(value));
  }
  if (flags.historyEnabled !== saved.history.enabled) merge({ history: { enabled: flags.historyEnabled } });
  if (flags.theme !== saved.ui.theme) merge({ ui: { theme: flags.theme } });
  return { errors, patch, changed };
}
