import type { ConnectionTest, Finding } from '@shared/api/commands/endpoints';
import type { AppError } from '@shared/api/errors';
import type { Endpoint } from '@shared/model/endpoint';
import type { HttpExchange } from '@shared/model/exchange';
import type { SendResult } from '../http/engine';
import type { DiscoveryEngine } from '../discovery/discovery-service';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const DAY = 86_400_000;
const SLOW_MS = 2000;

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A secret the endpoint needs is missing: an authentication problem, found before anything was sent. */
const missingSecret = (error: AppError) => error.kind === 'validation' && error.issues.some((issue) => issue.path.startsWith('secrets.'));

function errorArea(error: AppError): Finding['area'] {
  if (error.kind === 'tls') return 'tls';
  if (error.kind === 'timeout') return 'timing';
  if (error.kind === 'unauthorized' || error.kind === 'forbidden' || missingSecret(error)) return 'auth';
  if (/proxy/i.test(error.message)) return 'proxy';
  return 'network';
}

function errorFindings(error: AppError): Finding[] {
  const area = errorArea(error);
  return [{ level: 'error', area, message: error.hint ? `${error.message} ${error.hint}` : error.message }];
}

function tlsFindings(endpoint: Endpoint, exchange: HttpExchange, now: number, failed = false): Finding[] {
  const findings: Finding[] = [];
  const url = exchange.request.url;
  if (!url.startsWith('https:')) {
    if (!isLoopbackUrl(url) && endpoint.auth.kind !== 'none') {
      findings.push({ level: 'warning', area: 'tls', message: 'Plain HTTP: the credentials and every response travel unencrypted. Use https:// for anything but a local test server.' });
    }
    return findings;
  }
  if (endpoint.tls.verify === false) {
    findings.push({ level: 'warning', area: 'tls', message: 'Certificate verification is OFF for this endpoint: anyone on the network path could pretend to be this server and read the token. Turn it back on once a CA file is set.' });
  }
  const tls = exchange.tls;
  const cert = tls?.peerCertificate;
  if (cert && !failed) {
    const left = cert.validTo ? Math.floor((Date.parse(cert.validTo) - now) / DAY) : undefined;
    const validity = left === undefined ? '' : left < 0 ? `, expired ${-left} days ago` : `, valid for ${left} more days`;
    findings.push({ level: 'ok', area: 'tls', message: `${tls?.protocol ?? 'TLS'}${tls?.cipher ? ` (${tls.cipher})` : ''}; certificate ${cert.subject} issued by ${cert.issuer}${validity}.` });
    if (left !== undefined && left >= 0 && left < 30) findings.push({ level: 'warning', area: 'tls', message: `The server's certificate expires in ${left} days (${cert.validTo}).` });
  }
  if (endpoint.tls.caFile) findings.push({ level: 'info', area: 'tls', message: `Trusted CAs: ${endpoint.tls.caMode === 'replace' ? 'only' : 'the system store plus'} ${endpoint.tls.caFile}.` });
  return findings;
}

function authFindings(endpoint: Endpoint, status: number): Finding[] {
  if (status === 401) {
    return [{ level: 'error', area: 'auth', message: endpoint.auth.kind === 'none' ? 'The server wants credentials (401) and this endpoint sends none: choose an authentication method.' : 'The server rejected the credentials (401): check the token or password, and whether it has expired.' }];
  }
  if (status === 403) return [{ level: 'error', area: 'auth', message: 'The credentials were accepted but are not allowed to read /ServiceProviderConfig (403): check the permissions or scopes of the client.' }];
  if (status >= 200 && status < 300) {
    return [{ level: 'info', area: 'auth', message: endpoint.auth.kind === 'none' ? 'The server answered without credentials.' : 'The server answered with these credentials. Some servers serve /ServiceProviderConfig without checking them: a request to /Users proves more.' }];
  }
  return [];
}

function scimFindings(exchange: HttpExchange, body: Buffer | undefined): Finding[] {
  const response = exchange.response!;
  const findings: Finding[] = [];
  const type = response.body.contentType ?? '';
  if (response.status === 404) return [{ level: 'error', area: 'scim', message: '/ServiceProviderConfig was not found (404): is the base URL the SCIM root (often ending in /scim or /scim/v2)?' }];
  if (response.status >= 500) return [{ level: 'error', area: 'scim', message: `The server failed with ${response.status} ${response.statusText}.` }];
  if (response.status < 200 || response.status > 299) return [];
  let document: Record<string, unknown> | undefined;
  try {
    document = JSON.parse(body?.toString('utf8') ?? '') as Record<string, unknown>;
  } catch {
    const html = /html/i.test(type) || /^\s*</.test(response.body.preview);
    return [{ level: 'error', area: 'scim', message: html ? 'The answer is an HTML page, not SCIM JSON: a login page or a proxy in between? Check the base URL and the credentials.' : `The answer is not JSON (${type || 'no content type'}).` }];
  }
  if (!/application\/scim\+json/i.test(type)) findings.push({ level: 'info', area: 'scim', message: `Content-Type is ${type || 'missing'}; RFC 7644 asks for application/scim+json.` });
  const schemas = Array.isArray(document?.schemas) ? (document.schemas as unknown[]) : [];
  if (!schemas.includes(SPC_SCHEMA)) findings.push({ level: 'warning', area: 'scim', message: `The document does not list ${SPC_SCHEMA} in "schemas".` });
  const supported = (name: string) => (document?.[name] as { supported?: unknown } | undefined)?.supported === true;
  const features = ['patch', 'bulk', 'filter', 'sort', 'etag', 'changePassword'];
  const yes = features.filter(supported);
  const no = features.filter((f) => !supported(f));
  findings.push({ level: 'ok', area: 'scim', message: `SCIM service provider found. Supports: ${yes.join(', ') || 'none of the optional features'}${no.length ? `; not: ${no.join(', ')}` : ''}.` });
  const schemes = Array.isArray(document?.authenticationSchemes) ? (document.authenticationSchemes as { type?: unknown; name?: unknown }[]) : [];
  if (schemes.length) findings.push({ level: 'info', area: 'auth', message: `The server names these authentication schemes: ${schemes.map((s) => String(s.name ?? s.type)).join(', ')}.` });
  return findings;
}

function timingFindings(exchange: HttpExchange): Finding[] {
  const t = exchange.timings;
  const parts = [
    t.dns !== undefined ? `DNS ${t.dns} ms` : undefined,
    t.connect !== undefined ? `connect ${t.connect} ms` : undefined,
    t.tls !== undefined ? `TLS ${t.tls} ms` : undefined,
    t.firstByte !== undefined ? `first byte ${t.firstByte} ms` : undefined,
    t.download !== undefined ? `download ${t.download} ms` : undefined,
  ].filter(Boolean);
  const findings: Finding[] = [{ level: 'info', area: 'timing', message: `${t.total} ms in total${parts.length ? ` (${parts.join(', ')})` : ''}.` }];
  if ((t.firstByte ?? 0) > SLOW_MS) findings.push({ level: 'warning', area: 'timing', message: `The server took ${t.firstByte} ms to start answering: provisioning clients such as Entra ID time out on slow servers.` });
  if (exchange.redirects.length) findings.push({ level: 'warning', area: 'network', message: `The request was redirected (${exchange.redirects.map((r) => `${r.status} from ${r.url}`).join(', ')}): use the final URL as the base URL; credentials are never sent to another origin.` });
  return findings;
}

/** "Test connection": GET /ServiceProviderConfig and what it says about network, TLS, auth and timing. */
export async function testConnection(engine: DiscoveryEngine, endpoint: Endpoint, now = Date.now()): Promise<ConnectionTest> {
  const testedAt = new Date(now).toISOString();
  const base = { endpointId: endpoint.id, testedAt };
  let result: SendResult;
  try {
    result = await engine.execute({ endpointId: endpoint.id, method: 'GET', path: '/ServiceProviderConfig', headers: [], variables: {} }, { record: false });
  } catch (thrown) {
    const error = (thrown as { error?: AppError }).error ?? { kind: 'internal' as const, message: thrown instanceof Error ? thrown.message : String(thrown) };
    return { ...base, ok: false, url: endpoint.baseUrl, findings: errorFindings(error), error };
  }
  const { exchange, responseBody } = result;
  if (exchange.error || !exchange.response) {
    const error = exchange.error ?? { kind: 'network' as const, message: 'No answer' };
    return { ...base, ok: false, url: exchange.request.url, findings: [...errorFindings(error), ...tlsFindings(endpoint, exchange, now, true)], exchange, error };
  }
  const findings = [...tlsFindings(endpoint, exchange, now), ...authFindings(endpoint, exchange.response.status), ...scimFindings(exchange, responseBody), ...timingFindings(exchange)];
  const ok = exchange.response.status >= 200 && exchange.response.status < 300 && !findings.some((f) => f.level === 'error');
  return { ...base, ok, url: exchange.request.url, findings, exchange };
}
