import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppFailure } from '@shared/api/errors';
import type { AppCore } from '../../compose';

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** Parses a single `Range: bytes=a-b` (also `a-` and `-n`); end is exclusive in the result. */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return 'unsatisfiable';
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return 'unsatisfiable';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(from);
  const end = to === '' ? size : Math.min(Number(to) + 1, size);
  if (start >= size || end <= start) return 'unsatisfiable';
  return { start, end };
}

export async function serveBlob(core: AppCore, id: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  let info;
  try {
    // `id` comes percent-decoded from the router: decoding it again would read `%25` as `%`
    info = core.blobs.info(id);
  } catch (error) {
    if (error instanceof AppFailure) {
      res.writeHead(404, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: error.error }));
      return;
    }
    throw error;
  }
  const range = parseRange(req.headers.range, info.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${info.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: info.size };
  const bytes = core.blobs.read(info.id, start, end);
  const textual = /^(text\/|application\/(.*\+)?json|application\/xml)/i.test(info.contentType);
  // a secret echoed back by a server never leaves main; binary bodies are passed as they are
  const body = textual && core.scrubber.size > 0 ? Buffer.from(core.scrubber.scrub(bytes.toString('latin1')), 'latin1') : bytes;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-type': info.contentType,
    'content-length': String(body.length),
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    ...(range ? { 'content-range': `bytes ${start}-${end - 1}/${info.size}` } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
