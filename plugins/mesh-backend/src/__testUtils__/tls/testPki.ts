/*
 * A private PKI made for a test run with the openssl CLI (Debian's openssl; Node cannot create
 * X.509 certificates): a CA, a server certificate for 127.0.0.1, client certificates (valid,
 * expired, and one from a CA the server does not trust) — what a store behind a private CA with
 * mTLS looks like. Files live in a temp directory, so `…File` settings can be tested too.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export interface TestCert {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export interface TestPki {
  dir: string;
  ca: TestCert;
  /** A CA nobody in the test trusts. */
  otherCa: TestCert;
  server: TestCert;
  client: TestCert;
  expiredClient: TestCert;
  /** Signed by otherCa. */
  strangerClient: TestCert;
  /** A server certificate from the test CA for a DNS name (a cloud endpoint's double). */
  serverFor(dnsName: string): TestCert;
  /** base64 of a PEM, as Kubernetes-style `caData`. */
  base64(pem: string): string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

const EC = [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:prime256v1',
  '-nodes',
];

function read(dir: string, name: string): TestCert {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}.key`);
  return {
    cert: fs.readFileSync(certFile, 'utf8'),
    key: fs.readFileSync(keyFile, 'utf8'),
    certFile,
    keyFile,
  };
}

function makeCa(dir: string, name: string): TestCert {
  openssl(
    [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return read(dir, name);
}

function makeLeaf(
  dir: string,
  name: string,
  ca: string,
  extensions: string,
  days: number,
): TestCert {
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(
    [
      'req',
      ...EC,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      String(days),
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
  return read(dir, name);
}

export function createTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-test-pki-'));
  const ca = makeCa(dir, 'test-ca');
  const otherCa = makeCa(dir, 'other-ca');
  const serverExt =
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';
  const clientExt = 'extendedKeyUsage=clientAuth\n';
  return {
    dir,
    ca,
    otherCa,
    server: makeLeaf(dir, 'server', 'test-ca', serverExt, 2),
    client: makeLeaf(dir, 'mesh-client', 'test-ca', clientExt, 2),
    // notAfter a day before notBefore: expired from the moment it is made.
    expiredClient: makeLeaf(dir, 'expired-client', 'test-ca', clientExt, -1),
    strangerClient: makeLeaf(dir, 'stranger-client', 'other-ca', clientExt, 2),
    serverFor: dnsName =>
      makeLeaf(
        dir,
        `server-${dnsName}`,
        'test-ca',
        `subjectAltName=DNS:${dnsName}\nextendedKeyUsage=serverAuth\n`,
        2,
      ),
    base64: pem => Buffer.from(pem).toString('base64'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
