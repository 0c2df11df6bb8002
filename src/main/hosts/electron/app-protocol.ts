import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Answers `app://inspector/<path>` from the built renderer folder, with the CSP as a header. */
export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const { pathname } = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return new Response('Bad path: not valid percent-encoding', { status: 400 });
  }
  const path = normalize(join(rendererDir, decoded));
  if (path !== rendererDir && !path.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
  const file = extname(path) ? path : join(rendererDir, 'index.html');
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': `${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
