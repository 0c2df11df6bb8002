import type { BodyInfo, HttpExchange } from '@shared/model/exchange';
import { redactCredentials } from '@shared/redact/credentials';
import type { Replacement } from '@shared/redact/options';
import type { SecretScrubber } from '@shared/redact/secret-scrubber';
import type { CompletedExchange } from '../exchange-sink';

const decoder = new TextDecoder('utf-8');

function bodyText(bytes: Uint8Array | undefined, info: BodyInfo | undefined): string | undefined {
  if (bytes) return decoder.decode(bytes);
  return info?.preview || undefined;
}

export interface RedactedEntry {
  exchange: HttpExchange;
  requestText: string | undefined;
  responseText: string | undefined;
  /** what was replaced, by kind and place (kept with the entry, so an export can say it) */
  replacements: Replacement[];
}

/**
 * What history may keep of an exchange, decided once, when it is written: the one credential rule
 * set (`redactCredentials`): secret headers by name; URL parameters, form fields and JSON members
 * named like credentials, in bodies that do not parse too; every secret value the app knows, in
 * every string of the exchange; and the credentials the engine met in it (a token typed into a
 * header) wherever the server echoed them. Personal data is kept: history is the user's own record.
 */
export function redactForHistory(completed: CompletedExchange, scrubber: SecretScrubber): RedactedEntry {
  const { record, replacements } = redactCredentials(
    {
      exchange: completed.exchange,
      requestBody: bodyText(completed.requestBody, completed.exchange.request.body),
      responseBody: bodyText(completed.responseBody, completed.exchange.response?.body),
    },
    scrubber,
    // the engine replaced some already (secret headers, `?access_token=`): they are counted too
    { exchangeSecrets: completed.secrets ?? [], countEarlier: true },
  );
  return { exchange: record.exchange, requestText: record.requestBody, responseText: record.responseBody, replacements };
}
