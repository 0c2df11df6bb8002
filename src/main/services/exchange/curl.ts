import { fail } from '@shared/api/errors';
import { HttpMethod } from '@shared/model/exchange';
import { SavedRequest } from '@shared/model/collection';
import { isSecretHeader } from '@shared/redact/headers';
import type { CredentialMover } from '../collections/credential-variables';
import { relativePath, type ImportedCollection } from './import-tree';
import { shellWords } from './shell-words';

export { shellWords };

const DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
/** Options that take an argument we do not use, so it is not taken for the URL. */
const SKIP_WITH_VALUE = new Set([
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '--cacert', '--capath', '--cert', '-E', '--key', '--cert-type', '--key-type',
  '-w', '--write-out', '--retry', '--retry-delay', '--resolve', '--connect-to', '-T', '--upload-file', '-c', '--cookie-jar', '--limit-rate', '-r', '--range',
  '--interface', '--local-port', '-U', '--proxy-user', '--max-redirs', '-K', '--config', '--tls-max', '--ciphers', '--url-query', '--variable', '--expand-data',
]);

/** A curl command pasted from docs, DevTools or a terminal → one request. Credentials are never kept. */
export function fromCurl(command: string, options: { baseUrl?: string; name?: string; credentials?: Pick<CredentialMover, 'header'> } = {}): ImportedCollection {
  const words = shellWords(command.trim());
  if (words[0] === '$') words.shift();
  if (!words[0] || !/(^|[\\/])curl(\.exe)?$/i.test(words[0])) {
    throw fail('validation', 'This is not a curl command: it should start with "curl"', { issues: [{ path: 'text', message: 'does not start with curl' }] });
  }
  const warnings: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  const headers: { name: string; value: string; enabled: boolean }[] = [];
  const data: string[] = [];
  let asQuery = false;
  let json = false;
  for (let i = 1; i < words.length; i++) {
    const raw = words[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const option = eq > 0 ? raw.slice(0, eq) : raw;
    const value = () => (eq > 0 ? raw.slice(eq + 1) : /^-[A-Za-z]./.test(raw) ? raw.slice(2) : words[++i]);
    const short = /^-[A-Za-z]./.test(raw) && !raw.startsWith('--') ? raw.slice(0, 2) : option;
    switch (short) {
      case '-X':
      case '--request':
        method = value()?.toUpperCase();
        break;
      case '-H':
      case '--header': {
        const header = value() ?? '';
        const colon = header.indexOf(':');
        if (colon <= 0) break;
        const name = header.slice(0, colon).trim();
        const headerValue = header.slice(colon + 1).trim();
        if (isSecretHeader(name) && options.credentials) {
          // into a secret variable of the collection: `Bearer {{authorization}}`, off (auth comes from the endpoint unless turned on)
          headers.push({ name, value: options.credentials.header(name, headerValue, 'the curl command'), enabled: false });
        } else if (isSecretHeader(name)) {
          warnings.push(`The value of the ${name} header was not imported: auth comes from the endpoint chosen at run time.`);
          headers.push({ name, value: '', enabled: false });
        } else headers.push({ name, value: headerValue, enabled: true });
        break;
      }
      case '-u':
      case '--user':
        value();
        warnings.push('The user name and password (-u) were not imported: auth comes from the endpoint chosen at run time.');
        break;
      case '-b':
      case '--cookie':
        value();
        warnings.push('Cookies (-b) were not imported.');
        break;
      case '-A':
      case '--user-agent':
        headers.push({ name: 'User-Agent', value: value() ?? '', enabled: true });
        break;
      case '-e':
      case '--referer':
        headers.push({ name: 'Referer', value: value() ?? '', enabled: true });
        break;
      case '-I':
      case '--head':
        method = 'HEAD';
        break;
      case '-G':
      case '--get':
        asQuery = true;
        break;
      case '--url':
        url = value();
        break;
      case '--oauth2-bearer':
        value();
        warnings.push('The bearer token (--oauth2-bearer) was not imported: auth comes from the endpoint chosen at run time.');
        break;
      default:
        if (DATA.has(option) || DATA.has(short)) {
          const payload = value() ?? '';
          if (payload.startsWith('@') && option !== '--data-raw') warnings.push(`The body is read from a file (${payload}) by curl; it was not imported.`);
          else data.push(payload);
          if (option === '--json') json = true;
        } else if (SKIP_WITH_VALUE.has(option) || SKIP_WITH_VALUE.has(short)) {
          value();
        } else if (!raw.startsWith('-') && url === undefined) {
          url = raw;
        }
    }
  }
  if (!url) throw fail('validation', 'The curl command has no URL', { issues: [{ path: 'text', message: 'no URL' }] });
  if (/^[a-z]+:\/\/[^/]*@/i.test(url)) {
    url = url.replace(/^([a-z]+:\/\/)[^/]*@/i, '$1');
    warnings.push('The user name and password in the URL were not imported.');
  }
  if (!/^[a-z]+:\/\//i.test(url)) url = `http://${url}`;
  let body = data.length ? data.join('&') : undefined;
  if (asQuery && body !== undefined) {
    url += `${url.includes('?') ? '&' : '?'}${body}`;
    body = undefined;
  }
  if (json) {
    if (!headers.some((h) => h.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: 'application/json', enabled: true });
    if (!headers.some((h) => h.name.toLowerCase() === 'accept')) headers.push({ name: 'Accept', value: 'application/json', enabled: true });
  }
  const verb = HttpMethod.safeParse(method ?? (body !== undefined ? 'POST' : 'GET'));
  if (!verb.success) throw fail('validation', `Method ${method} is not one a SCIM client sends (${HttpMethod.options.join(', ')})`, { issues: [{ path: 'text', message: 'method' }] });
  const path = relativePath(url, options.baseUrl);
  const request = SavedRequest.parse({
    name: options.name ?? `${verb.data} ${path.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] || '/'}`,
    method: verb.data,
    path,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return { name: 'Imported from curl', variables: {}, nodes: [{ kind: 'request', request }], warnings };
}
