import { isIP } from 'node:net';
import type { ProxyConfig } from '@shared/model/endpoint';

/** Where to open a tunnel for a target, and how to authenticate to it. */
export interface ProxyRoute {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** value of Proxy-Authorization, when the proxy needs one */
  authorization?: string;
  /** for messages: the proxy URL without credentials */
  display: string;
}

export type ProxyResolver = (protocol: string, hostname: string, port: number) => ProxyRoute | undefined;

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** NO_PROXY semantics shared by curl, Go and undici: `*`, exact hosts, domain suffixes, optional ports. */
export function bypassesProxy(noProxy: string | undefined, hostname: string, port: number): boolean {
  if (!noProxy) return false;
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.startsWith('[') ? entry.replace(/^\[([^\]]+)\](.*)$/, '$1$2') : entry);
    const name = (match?.[1] ?? entry).replace(/^\*?\./, '.');
    const entryPort = match?.[2] ? Number(match[2]) : undefined;
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

export function parseProxyUrl(url: string, username?: string, password?: string): ProxyRoute {
  const parsed = new URL(url.includes('://') ? url : `http://${url}`);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Proxy ${url} uses ${parsed.protocol}; only http:// and https:// proxies are supported`);
  }
  const user = username ?? decodeURIComponent(parsed.username);
  const pass = password ?? decodeURIComponent(parsed.password);
  return {
    protocol: parsed.protocol,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80),
    authorization: user ? `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` : undefined,
    display: `${parsed.protocol}//${parsed.host}`,
  };
}

/**
 * Which proxy, if any, a connection goes through:
 * - 'env': HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case); loopback targets never go through it.
 * - 'manual': the endpoint's proxy for every target not in its no-proxy list.
 * - 'none': direct.
 */
export function proxyResolver(config: ProxyConfig, env: NodeJS.ProcessEnv, password?: string): ProxyResolver {
  if (config.mode === 'none') return () => undefined;
  if (config.mode === 'manual') {
    if (!config.url) return () => undefined;
    const route = parseProxyUrl(config.url, config.username || undefined, password);
    return (_protocol, hostname, port) => (bypassesProxy(config.noProxy, hostname, port) ? undefined : route);
  }
  const https = envValue(env, 'https_proxy');
  const http = envValue(env, 'http_proxy');
  const noProxy = envValue(env, 'no_proxy');
  const httpsRoute = https ? parseProxyUrl(https) : undefined;
  const httpRoute = http ? parseProxyUrl(http) : undefined;
  return (protocol, hostname, port) => {
    const route = protocol === 'https:' ? (httpsRoute ?? httpRoute) : httpRoute;
    if (!route || isLoopback(hostname) || bypassesProxy(noProxy, hostname, port)) return undefined;
    return route;
  };
}
