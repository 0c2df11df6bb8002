import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { fail } from '@shared/api/errors';
import type { TlsConfig } from '@shared/model/endpoint';

let defaultCas: string[] | undefined;

/**
 * The certificates trusted by default: Node's bundled Mozilla store, the OS trust store, and
 * NODE_EXTRA_CA_CERTS. Read once per process (reading the OS store is not free).
 */
export function defaultCaCertificates(): string[] {
  if (!defaultCas) {
    const get = (tls as { getCACertificates?: (type: 'default' | 'system' | 'bundled' | 'extra') => string[] }).getCACertificates;
    if (get) {
      let system: string[] = [];
      try {
        system = get('system');
      } catch {
        // no OS store on this platform: the bundled one still applies
      }
      defaultCas = [...new Set([...get('default'), ...system])];
    } else {
      defaultCas = [...tls.rootCertificates];
    }
  }
  return defaultCas;
}

function readPem(path: string, what: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw fail('validation', `The ${what} file ${path} cannot be read: ${reason}`, { issues: [{ path: field, message: reason }], hint: 'Fix the path in the endpoint\'s TLS settings.' });
  }
}

function certCount(pem: Buffer): number {
  return (pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

let sharedDefault: tls.SecureContext | undefined;

/** The secure context for an endpoint's TLS settings: built once per endpoint, not per connection. */
export function secureContextFor(config: TlsConfig, passphrase: string | undefined): tls.SecureContext {
  if (!config.caFile && !config.clientCert) {
    sharedDefault ??= tls.createSecureContext({ ca: defaultCaCertificates() });
    return sharedDefault;
  }
  const options: tls.SecureContextOptions = {};
  if (config.caFile) {
    const pem = readPem(config.caFile, 'CA', 'tls.caFile');
    if (certCount(pem) === 0) {
      throw fail('validation', `The CA file ${config.caFile} holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)`, {
        issues: [{ path: 'tls.caFile', message: 'no PEM certificate' }],
        hint: 'Export the CA certificate as PEM (Base-64 encoded X.509), not DER.',
      });
    }
    options.ca = config.caMode === 'replace' ? [pem] : [...defaultCaCertificates(), pem];
  } else {
    options.ca = defaultCaCertificates();
  }
  const cert = config.clientCert;
  if (cert?.kind === 'pem') {
    options.cert = readPem(cert.certFile, 'client certificate', 'tls.clientCert.certFile');
    options.key = readPem(cert.keyFile, 'client key', 'tls.clientCert.keyFile');
  } else if (cert?.kind === 'pfx') {
    options.pfx = readPem(cert.pfxFile, 'PFX', 'tls.clientCert.pfxFile');
  }
  if (passphrase !== undefined) options.passphrase = passphrase;
  try {
    return tls.createSecureContext(options);
  } catch (error) {
    throw clientMaterialError(error, config);
  }
}

function clientMaterialError(error: unknown, config: TlsConfig) {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = (error as Error).message;
  const file = config.clientCert?.kind === 'pfx' ? config.clientCert.pfxFile : config.clientCert?.kind === 'pem' ? config.clientCert.keyFile : config.caFile;
  if (/BAD_DECRYPT|bad decrypt|mac verify failure|bad password/i.test(`${code} ${message}`)) {
    return fail('tls', `The client certificate key in ${file} could not be decrypted`, { reason: 'wrong or missing passphrase', hint: 'Set the right passphrase in the endpoint\'s TLS settings.' });
  }
  if (/KEY_VALUES_MISMATCH|key values mismatch/i.test(`${code} ${message}`)) {
    return fail('tls', 'The client key does not belong to the client certificate', { reason: 'key and certificate do not match', hint: 'Pick the key file that was generated with this certificate.' });
  }
  return fail('tls', `The TLS files of this endpoint cannot be used: ${message}`, { reason: code || 'invalid TLS material', hint: 'Check that the files are PEM (or PFX for a .pfx/.p12) and belong together.' });
}
