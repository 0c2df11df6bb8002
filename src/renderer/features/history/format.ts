import type { StatusClass } from '@shared/model/history';

/** `https://h/scim/v2/Users?x=1` → `/scim/v2/Users?x=1` (what the list shows). */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${decodeURI(u.pathname)}${decodeQuery(u.search)}`;
  } catch {
    return url;
  }
}

function decodeQuery(search: string): string {
  try {
    return decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    return search;
  }
}

export function statusTone(status: number | undefined, errorKind?: string): 'ok' | 'redirect' | 'client' | 'server' | 'failed' {
  if (errorKind || status === undefined) return 'failed';
  if (status >= 500) return 'server';
  if (status >= 400) return 'client';
  if (status >= 300) return 'redirect';
  return 'ok';
}

export const STATUS_CLASSES: StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];

export function duration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dayAndTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
