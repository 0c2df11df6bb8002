import { join } from 'node:path';
import { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { CollectionSecrets } from '../../../../src/main/services/collections/collection-secrets';
import { CollectionsService } from '../../../../src/main/services/collections/collections-service';
import { createMemoryLogger } from '../../../../src/main/services/log/logger';

export function collectionsIn(dataDir: string, options: { watch?: boolean; scrubber?: SecretScrubber; secrets?: CollectionSecrets } = {}) {
  const changes: string[] = [];
  const scrubber = options.scrubber ?? new SecretScrubber();
  const service = new CollectionsService({
    dir: join(dataDir, 'collections'),
    registryFile: join(dataDir, 'collection-folders.json'),
    scrubber,
    log: createMemoryLogger(),
    onChange: (id) => changes.push(id),
    watch: options.watch ?? false,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    debounceMs: 50,
  });
  return { service, changes, scrubber };
}
