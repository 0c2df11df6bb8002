import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Paths of certificates made with the `openssl` CLI for one test run (never committed). */
export interface TestPki {
  dir: string;
  caCert: string;
  /** a second CA that signed nothing the servers use */
  otherCaCert: string;
  serverCert: string;
  serverKey: string;
  expiredCert: string;
  expiredKey: string;
  clientCert: string;
  clientKey: string;
  /** the client key encrypted with `passphrase` */
  clientKeyEncrypted: string;
  clientPfx: string;
  passphrase: string;
  read(path: string): Buffer;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate for 127.0.0.1/localhost, an expired one, and a client certificate. */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'scim-pki-'));
  const passphrase = 'pki-passphrase-1';
  const p = (name: string) => join(dir, name);
  const key = (name: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name], dir);

  for (const ca of ['ca', 'other-ca']) {
    key(`${ca}.key`);
    openssl(['req', '-x509', '-new', '-key', `${ca}.key`, '-sha256', '-days', '30', '-subj', `/CN=SCIM Test ${ca === 'ca' ? 'CA' : 'Other CA'}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', `${ca}.pem`], dir);
  }
  writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');

  key('server.key');
  openssl(['req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'server.csr'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-sha256', '-extfile', 'server.ext', '-out', 'server.pem'], dir);

  // an expired certificate needs explicit dates: `openssl ca` takes them
  mkdirSync(p('newcerts'));
  writeFileSync(p('index.txt'), '');
  writeFileSync(p('serial'), '1000\n');
  writeFileSync(
    p('ca.cnf'),
    `[ca]\ndefault_ca=test\n[test]\ndir=${dir}\ndatabase=${dir}/index.txt\nnew_certs_dir=${dir}/newcerts\nserial=${dir}/serial\ndefault_md=sha256\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n`,
  );
  key('expired.key');
  openssl(['req', '-new', '-key', 'expired.key', '-subj', '/CN=expired.localhost', '-out', 'expired.csr'], dir);
  openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'expired.csr', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-extfile', 'server.ext', '-notext', '-out', 'expired.pem'], dir);

  key('client.key');
  openssl(['req', '-new', '-key', 'client.key', '-subj', '/CN=scim-inspector-test-client', '-out', 'client.csr'], dir);
  openssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-sha256', '-extfile', 'client.ext', '-out', 'client.pem'], dir);
  openssl(['pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${passphrase}`, '-out', 'client.enc.key'], dir);
  openssl(['pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.pem', '-passout', `pass:${passphrase}`, '-out', 'client.pfx'], dir);

  return {
    dir,
    caCert: p('ca.pem'),
    otherCaCert: p('other-ca.pem'),
    serverCert: p('server.pem'),
    serverKey: p('server.key'),
    expiredCert: p('expired.pem'),
    expiredKey: p('expired.key'),
    clientCert: p('client.pem'),
    clientKey: p('client.key'),
    clientKeyEncrypted: p('client.enc.key'),
    clientPfx: p('client.pfx'),
    passphrase,
    read: (path) => readFileSync(path),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
