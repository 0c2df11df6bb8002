import type { VaultStatus } from '@shared/api/commands/vault';
import { SECRET_FIELD_LABELS, type SecretField } from '@shared/model/endpoint';

export interface SaveOutcome {
  name: string;
  /** 'created' / 'updated': the endpoint's settings were written; 'unchanged': only secrets were */
  endpoint: 'created' | 'updated' | 'unchanged';
  /** secrets handed to the vault by this save */
  stored: SecretField[];
  backend: VaultStatus['backend'] | undefined;
}

/** "a, b and c" */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Where secrets go, in words: the keychain, or this run of the app only. */
export function storePlace(backend: VaultStatus['backend'] | undefined): string {
  return backend === 'session' ? 'for this session only (not in the OS keychain: set it again after a restart)' : 'in the OS keychain';
}

/** What one Save did, in one sentence per part: what was written and where each secret went. */
export function savedMessage(outcome: SaveOutcome): { text: string; tone: 'ok' | 'warn' } {
  const parts: string[] = [];
  if (outcome.endpoint === 'created') parts.push(`Created “${outcome.name}” (settings in endpoints.json).`);
  else if (outcome.endpoint === 'updated') parts.push(`Saved “${outcome.name}” (settings in endpoints.json).`);
  if (outcome.stored.length > 0) {
    const labels = outcome.stored.map((f, i) => (i === 0 ? SECRET_FIELD_LABELS[f] : SECRET_FIELD_LABELS[f].toLowerCase()));
    parts.push(`${listWords(labels)} stored ${storePlace(outcome.backend)}.`);
  }
  if (parts.length === 0) parts.push('Nothing changed since the last save.');
  return { text: parts.join(' '), tone: outcome.stored.length > 0 && outcome.backend === 'session' ? 'warn' : 'ok' };
}
