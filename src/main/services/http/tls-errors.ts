import type { PeerCertificate } from 'node:tls';
import type { AppError, CertificateSummary } from '@shared/api/errors';

function dn(name: Record<string, string | string[]> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

export function summarizeCertificate(cert: PeerCertificate | undefined): CertificateSummary | undefined {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  return {
    subject: dn(cert.subject as unknown as Record<string, string>),
    issuer: dn(cert.issuer as unknown as Record<string, string>),
    validFrom: cert.valid_from ? new Date(cert.valid_from).toISOString() : undefined,
    validTo: cert.valid_to ? new Date(cert.valid_to).toISOString() : undefined,
    fingerprint256: cert.fingerprint256,
  };
}

const commonName = (summary: CertificateSummary | undefined, side: 'subject' | 'issuer') =>
  summary ? (/CN=([^,]+)/.exec(summary[side])?.[1] ?? summary[side]) : 'unknown';

const UNTRUSTED = new Set(['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE']);

/** A certificate the client refused, in plain words, with what to do. `code` is OpenSSL's verify code. */
export function certificateRejected(code: string, host: string, cert: PeerCertificate | undefined): Extract<AppError, { kind: 'tls' }> {
  const summary = summarizeCertificate(cert);
  const cn = commonName(summary, 'subject');
  const base = { kind: 'tls' as const, reason: code, certificate: summary };
  const lastResort = 'As a last resort for a test server, turn certificate verification off for this endpoint.';
  if (code === 'CERT_HAS_EXPIRED') {
    return { ...base, message: `The server's certificate for ${cn} expired on ${summary?.validTo ?? 'an earlier date'}.`, hint: `The server's operator must renew it. ${lastResort}` };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return { ...base, message: `The server's certificate for ${cn} is not valid until ${summary?.validFrom ?? 'a later date'}.`, hint: 'Check this computer\'s clock, or ask the server\'s operator.' };
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return { ...base, message: `The server's certificate for ${cn} is self-signed, and it is not trusted here.`, hint: `Save that certificate as a PEM file and set it as this endpoint's custom CA file. ${lastResort}` };
  }
  if (UNTRUSTED.has(code)) {
    return {
      ...base,
      message: `The server's certificate for ${cn} was issued by ${commonName(summary, 'issuer')}, which is not trusted (neither the system trust store nor this endpoint's CA file has it).`,
      hint: `Set the issuing CA's certificate (PEM) as this endpoint's custom CA file; if the server leaves out an intermediate certificate, its operator must send the full chain. ${lastResort}`,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altname|hostname/i.test(code)) {
    const names = cert?.subjectaltname ?? summary?.subject ?? 'other names';
    return { ...base, message: `The server's certificate is for ${names}, not for ${host}.`, hint: 'Use the host name the certificate was issued for in the base URL, or ask the operator for a certificate that names this host.' };
  }
  return { ...base, message: `The server's certificate for ${cn} was refused (${code}).`, hint: lastResort };
}

/** A TLS failure reported by OpenSSL while talking (alerts from the server, protocol mismatches). */
export function tlsFailure(error: NodeJS.ErrnoException, host: string, hasClientCert: boolean): Extract<AppError, { kind: 'tls' }> | undefined {
  const code = error.code ?? '';
  const text = `${code} ${error.message}`;
  if (/CERTIFICATE_REQUIRED|PEER_DID_NOT_RETURN_A_CERTIFICATE/i.test(text) || (!hasClientCert && /ALERT_HANDSHAKE_FAILURE/i.test(text))) {
    return {
      kind: 'tls',
      reason: code || 'client certificate required',
      message: `${host} requires a client certificate${hasClientCert ? ' and did not accept the one sent' : ', and this endpoint has none'}.`,
      hint: 'Set the client certificate (PEM certificate and key, or PFX) in the endpoint\'s TLS settings.',
    };
  }
  if (/ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN|ALERT_CERTIFICATE_EXPIRED|ALERT_HANDSHAKE_FAILURE|ALERT_ACCESS_DENIED/i.test(text)) {
    return {
      kind: 'tls',
      reason: code,
      message: `${host} rejected the client certificate (${code.replace(/^ERR_SSL_/, '').toLowerCase().replace(/_/g, ' ')}).`,
      hint: 'The server does not trust the certificate you sent: check that it was issued by a CA the server accepts and has not expired.',
    };
  }
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL/i.test(text)) {
    return { kind: 'tls', reason: code, message: `${host} did not answer with TLS.`, hint: 'The server may speak plain HTTP on this port: try http:// instead of https://, or check the port.' };
  }
  if (/^ERR_SSL_|^ERR_TLS_|^ERR_OSSL_/.test(code)) {
    return { kind: 'tls', reason: code, message: `The TLS connection to ${host} failed: ${error.message}` };
  }
  return undefined;
}
