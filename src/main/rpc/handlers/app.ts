import type { AppInfo } from '@shared/api/commands/app';
import type { BlobStore } from '../../services/blobs/blob-store';
import type { Handlers } from '../router';

/** Largest range one `blobs.read` call returns. */
export const MAX_BLOB_READ = 4 * 1024 * 1024;

export function appHandlers(deps: { info: () => AppInfo; blobs: BlobStore }): Pick<Handlers, 'app.info' | 'blobs.read'> {
  return {
    'app.info': () => deps.info(),
    'blobs.read': ({ id, start, end }) => {
      const total = deps.blobs.info(id).size;
      const stop = Math.min(end ?? total, start + MAX_BLOB_READ, total);
      const bytes = deps.blobs.read(id, start, stop);
      return { id, start, end: start + bytes.byteLength, total, text: bytes.toString('utf8') };
    },
  };
}
