import type { HttpExchange, Timings } from '@shared/model/exchange';
import { formatDuration } from '../ui/format';

const PHASES: { key: Exclude<keyof Timings, 'total'>; label: string; hint: string }[] = [
  { key: 'dns', label: 'DNS lookup', hint: 'resolving the host name' },
  { key: 'connect', label: 'TCP connect', hint: 'opening the connection' },
  { key: 'tls', label: 'TLS handshake', hint: 'negotiating encryption' },
  { key: 'firstByte', label: 'Waiting (TTFB)', hint: 'request sent until the first response byte: mostly the server working' },
  { key: 'download', label: 'Download', hint: 'receiving the body' },
];

type ConnectionPhase = 'dns' | 'connect' | 'tls';

/** The host of a URL is an IP address (v4, or v6 in brackets): nothing to look up. */
export function isIpLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || /^\[[0-9a-f:.]+\]$/i.test(hostname);
}

/**
 * Why a connection phase has no time: the request went out on a connection an earlier request opened
 * ("reused"), or the phase had nothing to do (no TLS on plain HTTP, no DNS for an IP address).
 * Undefined when the phase's absence has no known reason (an imported exchange, a failed request).
 */
export function absentPhase(exchange: HttpExchange, phase: ConnectionPhase): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(exchange.request.url);
  } catch {
    url = undefined;
  }
  if (phase === 'tls' && url?.protocol === 'http:') return 'not used (plain HTTP)';
  if (phase === 'dns' && url && isIpLiteral(url.hostname)) return 'not needed (IP address)';
  return connectionReused(exchange) ? 'reused' : undefined;
}

/** The request was sent on an open connection: it got an answer, and no connect time of its own. */
export function connectionReused(exchange: HttpExchange): boolean {
  return exchange.timings.connect === undefined && exchange.timings.firstByte !== undefined;
}

/** Where the time went, phase by phase, and the connection's TLS facts. */
export function TimingPanel({ exchange }: { exchange: HttpExchange }) {
  const { timings, tls, response, redirects } = exchange;
  const total = Math.max(timings.total, 0.001);
  const reused = connectionReused(exchange);
  let offset = 0;
  return (
    <div className="ins-timing">
      <table className="ins-waterfall" aria-label="Timing breakdown">
        <tbody>
          {PHASES.map(({ key, label, hint }) => {
            const ms = timings[key];
            const start = offset;
            if (ms !== undefined) offset += ms;
            return (
              <tr key={key} title={hint}>
                <th scope="row">{label}</th>
                <td className="ins-waterfall-bar">
                  {ms !== undefined ? (
                    <span className={`ins-bar ins-bar-${key}`} style={{ marginLeft: `${(start / total) * 100}%`, width: `max(2px, ${(ms / total) * 100}%)` }} />
                  ) : null}
                </td>
                <td className="ins-num">{ms !== undefined ? formatDuration(ms) : <span className="ins-faint">{(key === 'dns' || key === 'connect' || key === 'tls' ? absentPhase(exchange, key) : undefined) ?? '—'}</span>}</td>
              </tr>
            );
          })}
          <tr className="ins-waterfall-total">
            <th scope="row">Total</th>
            <td />
            <td className="ins-num">{formatDuration(timings.total)}</td>
          </tr>
        </tbody>
      </table>

      <section className="ins-facts-block" aria-label="Connection">
        <h3>Connection</h3>
        <dl className="ins-facts">
          <dt>URL</dt>
          <dd>
            <code>{exchange.request.method} {exchange.request.url}</code>
          </dd>
          {(reused || timings.connect !== undefined) && (
            <>
              <dt>Connection</dt>
              <dd data-testid="connection-kind">{reused ? 'reused (opened by an earlier request to this endpoint)' : 'new (opened for this request)'}</dd>
            </>
          )}
          {response?.remoteAddress && (
            <>
              <dt>Remote address</dt>
              <dd>{response.remoteAddress}</dd>
            </>
          )}
          {response?.httpVersion && (
            <>
              <dt>Protocol</dt>
              <dd>HTTP/{response.httpVersion}</dd>
            </>
          )}
          {redirects.length > 0 && (
            <>
              <dt>Redirects</dt>
              <dd>
                <ol className="ins-plain-list">
                  {redirects.map((r, i) => (
                    <li key={i}>
                      {r.status} → <code>{r.url}</code>
                    </li>
                  ))}
                </ol>
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="ins-facts-block" aria-label="TLS">
        <h3>TLS</h3>
        {!tls ? (
          <p className="ins-faint">Plain HTTP: nothing was encrypted.</p>
        ) : (
          <>
            {tls.verificationDisabled && (
              <p className="ins-callout ins-callout-warn" role="note">
                Certificate verification is turned off for this endpoint: anyone on the network path could have answered instead of the server. Turn it back on in the endpoint's TLS settings
                once the server's certificate (or its CA) is trusted.
              </p>
            )}
            <dl className="ins-facts">
              <dt>Protocol</dt>
              <dd>{tls.protocol ?? 'unknown'}</dd>
              <dt>Cipher</dt>
              <dd>{tls.cipher ?? 'unknown'}</dd>
              {tls.peerCertificate && (
                <>
                  <dt>Subject</dt>
                  <dd>{tls.peerCertificate.subject}</dd>
                  <dt>Issuer</dt>
                  <dd>{tls.peerCertificate.issuer}</dd>
                  {(tls.peerCertificate.validFrom || tls.peerCertificate.validTo) && (
                    <>
                      <dt>Valid</dt>
                      <dd>
                        {tls.peerCertificate.validFrom ?? '?'} – {tls.peerCertificate.validTo ?? '?'}
                      </dd>
                    </>
                  )}
                  {tls.peerCertificate.fingerprint256 && (
                    <>
                      <dt>SHA-256</dt>
                      <dd>
                        <code className="ins-wrap">{tls.peerCertificate.fingerprint256}</code>
                      </dd>
                    </>
                  )}
                </>
              )}
            </dl>
          </>
        )}
      </section>
    </div>
  );
}
