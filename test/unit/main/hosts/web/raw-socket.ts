import { connect } from 'node:net';

export interface RawAnswer {
  /** everything the server sent before it closed */
  text: string;
  /** status of the first response, 0 when none came */
  status: number;
  /** how the connection ended: the server closed it, reset it, or the wait ran out */
  ended: 'closed' | 'reset' | 'timeout';
}

/**
 * Writes bytes to the server on a fresh TCP connection (no HTTP client in between, so anything can be
 * sent) and collects what comes back until the server closes the connection or `timeoutMs` passes.
 * `body` is written after `head`, in chunks, while the answer is being read.
 */
export function rawExchange(port: number, head: string | Buffer, options: { body?: AsyncIterable<Buffer> | Iterable<Buffer>; timeoutMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (ended: RawAnswer['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), ended });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed'));
    socket.write(head);
    if (options.body) {
      void (async () => {
        for await (const chunk of options.body!) {
          if (settled || socket.destroyed) return;
          if (!socket.write(chunk)) await new Promise<void>((r) => (socket.once('drain', r), socket.once('close', r)));
        }
      })().catch(() => undefined);
    }
  });
}

/** A request head; `Connection: close` unless the caller says otherwise. */
export function requestHead(method: string, target: string, headers: Record<string, string>): string {
  const lines = [`${method} ${target} HTTP/1.1`];
  const all = { connection: 'close', ...headers };
  for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
