/*
 * A self-signed certificate for 127.0.0.1, made with the openssl CLI once per process, so the
 * Kubernetes API test double can speak HTTPS and the client's CA handling (`caData`) is exercised
 * as against a real cluster. Node has no API to create X.509 certificates.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate in the form of `caData` / kubeconfig `certificate-authority-data`. */
  caData: string;
}

let cached: TestCertificate | undefined;

export function testCertificate(): TestCertificate {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-api-test-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=kube-api-test-double',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    cached = {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert,
      caData: Buffer.from(cert).toString('base64'),
    };
    return cached;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
