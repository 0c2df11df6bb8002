import type { SavedRequest } from '@shared/model/collection';

/** What every importer produces: folders and requests, in order, ready to write into a collection. */
export type ImportNode = { kind: 'folder'; name: string; description?: string; children: ImportNode[] } | { kind: 'request'; request: SavedRequest };

export interface ImportedCollection {
  name: string;
  description?: string;
  variables: Record<string, string>;
  nodes: ImportNode[];
  /** what was left out or changed, one line each */
  warnings: string[];
}

export function countRequests(nodes: readonly ImportNode[]): number {
  return nodes.reduce((n, node) => n + (node.kind === 'request' ? 1 : countRequests(node.children)), 0);
}

/** `https://host/scim/v2/Users` with base `https://host/scim/v2` → `/Users`; a leading `{{baseUrl}}` is dropped the same way. */
export function relativePath(url: string, baseUrl?: string): string {
  const variable = /^\{\{\s*[\w.-]+\s*\}\}/.exec(url);
  if (variable) {
    const rest = url.slice(variable[0].length);
    return rest === '' ? '/' : rest.startsWith('/') || rest.startsWith('?') ? rest : `/${rest}`;
  }
  if (baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    if (url === base) return '/';
    if (url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) return url.slice(base.length);
  }
  return url;
}

/** Headers that describe the connection rather than the request: never worth saving. */
export const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'accept-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection']);
