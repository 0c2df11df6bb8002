import type { HeaderList } from '@shared/model/exchange';
import { PARAMETER_STEMS } from '@shared/redact/credential-names';
import { CredentialRules, credentialValues } from '@shared/redact/credential-rules';
import { isSecretHeader } from '@shared/redact/headers';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';

/** What one request carries that the vault does not hold, and how the exchange is shown without it. */
export interface ExchangeCredentials {
  /** the app's scrubber, or one that also knows the credentials found in this request */
  scrubber: SecretScrubber;
  /** those credentials' values (handed to history with the exchange) */
  secrets: string[];
  /** the request body as shown: fields named like credentials replaced (undefined: as sent) */
  shownBody: Buffer | undefined;
}

const mayHoldParameters = (url: string) => (url.includes('?') || url.includes('#') || url.includes('@')) && PARAMETER_STEMS.test(url);

/** A URL as shown: user info and parameters named like credentials (`?access_token=…`) replaced. */
export function shownUrl(url: string): string {
  return mayHoldParameters(url) ? new CredentialRules().url(url, 'URL') : url;
}

/**
 * The credentials a request carries by their place, not because the vault knows them: a value typed
 * into a secret header (Authorization, X-API-Key, Cookie…), URL parameters and body fields named like
 * credentials. Each is replaced wherever it shows up later in the exchange (a server echoing it).
 * Most requests carry none, and then nothing is allocated.
 */
export function requestCredentials(
  request: { url: string; headers: HeaderList; body: string | undefined },
  secretHeaders: readonly string[],
  scrubber: SecretScrubber,
): ExchangeCredentials {
  const typed = request.headers.filter(([name, value]) => value !== '' && isSecretHeader(name, secretHeaders));
  const inUrl = mayHoldParameters(request.url);
  const inBody = request.body !== undefined && request.body.length >= 4 && PARAMETER_STEMS.test(request.body);
  if (typed.length === 0 && !inUrl && !inBody) return { scrubber, secrets: [], shownBody: undefined };

  const rules = new CredentialRules(secretHeaders);
  for (const [name, value] of typed) for (const v of credentialValues(name, value)) rules.found.add(v);
  if (inUrl) rules.url(request.url, 'URL');
  let shownBody: Buffer | undefined;
  if (inBody) {
    const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const shown = rules.body(request.body!, 'request body', contentType);
    if (shown !== request.body) shownBody = Buffer.from(shown);
  }
  const secrets = [...rules.found];
  return { scrubber: scrubber.withExchange({ secrets }), secrets, shownBody };
}
