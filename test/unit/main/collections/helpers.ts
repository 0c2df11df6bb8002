import { join } from 'node:path';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import { CollectionsService } from '../../../../src/main/services/collections/collections-service';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';

export function collectionsIn(dataDir: string, options: { watch?: boolean; scrubber?: SecretScrubber } = {}) {
  const changes: string[] = [];
  const scrubber = options.scrubber ?? new SecretScrubber();
  const service = new CollectionsService({
    dir: join(dataDir, 'collections'),
    registryFile: join(dataDir, 'collection-folders.json'),
    scrubber,
    log: createMemoryLogger(),
    onChange: (id) => changes.push(id),
    watch: options.watch ?? false,
    debounceMs: 50,
  });
  return { service, changes, scrubber };
}
