import { z } from 'zod';
import { Capabilities, HostKind } from '../capabilities';
import { command } from '../command';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
  runtime: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
  dataDir: z.string(),
  capabilities: Capabilities,
  startedAt: z.string(),
  /** problems found at start (a damaged file set aside, secrets kept for this session only…) */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const BlobRange = z.object({
  id: z.string().min(1),
  start: z.number().int().min(0).default(0),
  /** exclusive; omitted means to the end, bounded by `maxBytes` */
  end: z.number().int().min(0).optional(),
});

export const BlobChunk = z.object({
  id: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  total: z.number().int(),
  /** UTF-8 text of the range (a multi-byte character cut at an edge is replaced) */
  text: z.string(),
});
export type BlobChunk = z.infer<typeof BlobChunk>;

export const appCommands = {
  'app.info': command(z.object({}), AppInfo),
  'blobs.read': command(BlobRange, BlobChunk),
};
