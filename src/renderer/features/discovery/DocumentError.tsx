import type { DiscoveredDocument } from '@shared/api/commands/discovery';

const ADVICE: Partial<Record<string, string>> = {
  unauthorized: 'Check the endpoint’s credentials (token, password or client secret).',
  forbidden: 'The credentials work but may lack the right to read this document.',
  dns: 'Check the host name in the endpoint’s base URL.',
  connect: 'Is the server running, and is the base URL’s port right?',
  tls: 'Check the server’s certificate, or trust its CA in the endpoint’s TLS settings.',
  timeout: 'The server is slow or unreachable; try again, or raise the endpoint’s timeouts.',
};

/** Why one discovery document is missing, and what to try. */
export function DocumentError({ document }: { document: DiscoveredDocument }) {
  const error = document.error;
  const advice =
    error?.kind === 'http' && error.status === 404
      ? `The server has no ${document.path}. Many servers leave discovery out; requests still work.`
      : error?.kind === 'http' && error.status === 401
        ? ADVICE.unauthorized
        : error
          ? (error.hint ?? ADVICE[error.kind])
          : undefined;
  return (
    <div className="ins-callout ins-callout-error" role="alert" aria-label={`${document.path} could not be read`}>
      <p>
        <strong>{document.path}</strong> could not be read{document.status ? ` (HTTP ${document.status})` : ''}: {error?.message ?? 'the server sent no document'}.
      </p>
      {advice && <p className="ins-faint">{advice}</p>}
    </div>
  );
}
