import { z } from 'zod';
import { fail } from '@shared/api/errors';
import { HttpMethod } from '@shared/model/exchange';
import { SavedRequest } from '@shared/model/collection';
import { isSecretHeader } from '@shared/redact/headers';
import type { CredentialMover } from '../collections/credential-variables';
import { parseJsonText } from '../collections/json-file';
import { relativePath, TRANSPORT_HEADERS, type ImportedCollection, type ImportNode } from './import-tree';

const HarShape = z.object({
  log: z.object({
    entries: z.array(
      z
        .object({
          request: z
            .object({
              method: z.string(),
              url: z.string(),
              headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
              postData: z.object({ text: z.string().optional() }).loose().optional(),
            })
            .loose(),
        })
        .loose(),
    ),
  }).loose(),
});

/** A HAR file (DevTools "Save all as HAR", or ours) → one request per entry, in order. */
export function fromHar(source: string, options: { fileName?: string; baseUrl?: string; credentials?: Pick<CredentialMover, 'header'> } = {}): ImportedCollection {
  const parsed = parseJsonText(options.fileName ?? 'the HAR file', source, HarShape);
  if (!parsed.ok) throw fail('validation', `The HAR file ${parsed.problem.message}`, { issues: [{ path: 'text', message: parsed.problem.message }] });
  const warnings: string[] = [];
  const secretHeaders = new Set<string>();
  const nodes: ImportNode[] = [];
  parsed.value.log.entries.forEach(({ request }, index) => {
    const method = HttpMethod.safeParse(request.method.toUpperCase());
    if (!method.success) {
      warnings.push(`Entry ${index + 1} (${request.method} ${request.url}) was skipped: not a method a SCIM client sends.`);
      return;
    }
    const headers = request.headers.flatMap((h) => {
      const lower = h.name.toLowerCase();
      if (lower.startsWith(':') || TRANSPORT_HEADERS.has(lower)) return [];
      if (isSecretHeader(lower) && options.credentials) return [{ name: h.name, value: options.credentials.header(h.name, h.value, `entry ${index + 1}`), enabled: false }];
      if (isSecretHeader(lower)) {
        secretHeaders.add(h.name);
        return [{ name: h.name, value: '', enabled: false }];
      }
      return [{ name: h.name, value: h.value, enabled: true }];
    });
    const path = relativePath(request.url, options.baseUrl);
    let shortPath = path;
    try {
      shortPath = new URL(request.url).pathname;
    } catch {}
    nodes.push({
      kind: 'request',
      request: SavedRequest.parse({
        name: `${method.data} ${shortPath}`,
        method: method.data,
        path,
        headers,
        ...(request.postData?.text !== undefined && request.postData.text !== '' ? { body: request.postData.text } : {}),
      }),
    });
  });
  if (secretHeaders.size) warnings.push(`The values of ${[...secretHeaders].join(', ')} were not imported: auth comes from the endpoint chosen at run time.`);
  if (nodes.length === 0) warnings.push('The HAR file has no request to import.');
  return { name: 'Imported from HAR', variables: {}, nodes, warnings };
}
