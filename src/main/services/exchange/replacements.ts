import type { RedactionPreview, Replacement } from '@shared/redact/options';

const KIND: Record<Replacement['kind'], string> = {
  'secret-header': 'Credential header',
  'known-secret': 'Secret value the app knew (a keychain entry, a credential it sent, an access token it got)',
  'user-info': 'User name and password in the URL',
  'url-parameter': 'URL parameter',
  'form-field': 'Form field',
  'json-member': 'JSON member',
  'text-field': 'Field in text',
  'echoed-credential': 'Credential found in the same exchange (typed into a header, in its URL or body), where it showed up again',
};

/** One replacement in words: `URL parameter \`access_token\` in URL: 1`. Never a value. */
export function describeReplacement(r: Replacement, code: (text: string) => string = (t) => `\`${t}\``): string {
  return `${KIND[r.kind]}${r.name !== undefined ? ` ${code(r.name)}` : ''} in ${r.where}: ${r.count}`;
}

/** What an export replaced, in one paragraph (the HAR comment). */
export function redactionSummary(preview: RedactionPreview): string {
  const parts = (preview.replacements ?? []).map((r) => describeReplacement(r, (t) => t));
  const personal = preview.personalData.length;
  const always = preview.alwaysRedacted;
  const lines = [
    parts.length > 0 ? `Replaced before export by [REDACTED]: ${parts.join('; ')}.` : 'No credential was found to replace.',
    always > 0 ? `password attribute values replaced: ${always}.` : '',
    `Personal data replaced by consistent placeholders: ${personal} distinct value(s) at ${preview.paths.filter((p) => p !== 'password').join(', ') || 'no attribute paths'}.`,
  ];
  return lines.filter((l) => l !== '').join(' ');
}
