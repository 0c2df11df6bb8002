import type { AuthKind, EndpointInput, EndpointView, SecretField } from '@shared/model/endpoint';
import { secretsNeeded } from '@shared/model/endpoint';

export interface Row {
  name: string;
  value: string;
  enabled: boolean;
}

/** The editor's working copy: every field as the form holds it. */
export interface Draft {
  name: string;
  baseUrl: string;
  authKind: AuthKind;
  username: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  audience: string;
  clientAuth: 'body' | 'basic';
  headerName: string;
  verify: boolean;
  caFile: string;
  caMode: 'add' | 'replace';
  certKind: 'none' | 'pem' | 'pfx';
  certFile: string;
  keyFile: string;
  pfxFile: string;
  proxyMode: 'env' | 'manual' | 'none';
  proxyUrl: string;
  noProxy: string;
  proxyUsername: string;
  connectMs: string;
  headersMs: string;
  bodyMs: string;
  headers: Row[];
  variables: Row[];
}

export function draftFrom(view?: EndpointView): Draft {
  const auth = view?.auth;
  const cert = view?.tls.clientCert;
  return {
    name: view?.name ?? '',
    baseUrl: view?.baseUrl ?? '',
    authKind: auth?.kind ?? 'bearer',
    username: auth?.kind === 'basic' ? auth.username : '',
    tokenUrl: auth?.kind === 'oauth2-client-credentials' ? auth.tokenUrl : '',
    clientId: auth?.kind === 'oauth2-client-credentials' ? auth.clientId : '',
    scope: auth?.kind === 'oauth2-client-credentials' ? (auth.scope ?? '') : '',
    audience: auth?.kind === 'oauth2-client-credentials' ? (auth.audience ?? '') : '',
    clientAuth: auth?.kind === 'oauth2-client-credentials' ? auth.clientAuth : 'body',
    headerName: auth?.kind === 'api-key' ? auth.headerName : 'X-API-Key',
    verify: view?.tls.verify ?? true,
    caFile: view?.tls.caFile ?? '',
    caMode: view?.tls.caMode ?? 'add',
    certKind: cert?.kind ?? 'none',
    certFile: cert?.kind === 'pem' ? cert.certFile : '',
    keyFile: cert?.kind === 'pem' ? cert.keyFile : '',
    pfxFile: cert?.kind === 'pfx' ? cert.pfxFile : '',
    proxyMode: view?.proxy.mode ?? 'env',
    proxyUrl: view?.proxy.url ?? '',
    noProxy: view?.proxy.noProxy ?? '',
    proxyUsername: view?.proxy.username ?? '',
    connectMs: view?.timeouts.connectMs?.toString() ?? '',
    headersMs: view?.timeouts.headersMs?.toString() ?? '',
    bodyMs: view?.timeouts.bodyMs?.toString() ?? '',
    headers: view?.headers.map((h) => ({ ...h })) ?? [],
    variables: Object.entries(view?.variables ?? {}).map(([name, value]) => ({ name, value, enabled: true })),
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
const ms = (text: string) => (text.trim() === '' ? undefined : Number(text));

function auth(d: Draft): EndpointInput['auth'] {
  switch (d.authKind) {
    case 'none':
      return { kind: 'none' };
    case 'bearer':
      return { kind: 'bearer' };
    case 'basic':
      return { kind: 'basic', username: d.username };
    case 'api-key':
      return { kind: 'api-key', headerName: d.headerName };
    case 'oauth2-client-credentials':
      return { kind: 'oauth2-client-credentials', tokenUrl: d.tokenUrl, clientId: d.clientId, scope: optional(d.scope), audience: optional(d.audience), clientAuth: d.clientAuth };
  }
}

/** What `endpoints.create` / `endpoints.update` take; main validates it and says what is wrong. */
export function toInput(d: Draft): EndpointInput {
  return {
    name: d.name,
    baseUrl: d.baseUrl.trim(),
    auth: auth(d),
    tls: {
      verify: d.verify,
      caFile: optional(d.caFile),
      caMode: d.caMode,
      clientCert: d.certKind === 'pem' ? { kind: 'pem', certFile: d.certFile, keyFile: d.keyFile } : d.certKind === 'pfx' ? { kind: 'pfx', pfxFile: d.pfxFile } : undefined,
    },
    proxy: { mode: d.proxyMode, url: optional(d.proxyUrl), noProxy: optional(d.noProxy), username: optional(d.proxyUsername) },
    timeouts: { connectMs: ms(d.connectMs), headersMs: ms(d.headersMs), bodyMs: ms(d.bodyMs) },
    headers: d.headers.filter((h) => h.name.trim() !== ''),
    variables: Object.fromEntries(d.variables.filter((v) => v.name.trim() !== '').map((v) => [v.name.trim(), v.value])),
  };
}

/** The secrets the draft's settings call for, in the order the editor shows them. */
export function draftSecrets(d: Draft): SecretField[] {
  const input = toInput(d);
  return secretsNeeded({ auth: input.auth, tls: input.tls ?? {}, proxy: input.proxy ?? { mode: 'env' } } as Parameters<typeof secretsNeeded>[0]);
}
