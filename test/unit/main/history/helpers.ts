import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '@shared/model/settings';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { HistoryStore, type HistoryChangeReason } from '../../../../src/main/services/history/history-store';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openStore(dir: string, overrides: Partial<Settings['history']> = {}, scrubber = new SecretScrubber()) {
  const settings = { ...defaultSettings().history, maxAgeDays: 100_000, ...overrides };
  const changes: HistoryChangeReason[] = [];
  const notices: string[] = [];
  const store = new HistoryStore({
    dir,
    scrubber,
    settings: () => settings,
    log: createMemoryLogger(),
    onChange: (reason) => changes.push(reason),
    onNotice: (message) => notices.push(message),
  });
  return { store, settings, changes, notices, scrubber };
}
