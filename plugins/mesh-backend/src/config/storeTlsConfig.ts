/*
 * TLS settings of an HTTP data source (Prometheus, Thanos, Mimir, Jaeger, Tempo, Zipkin), with the
 * Kubernetes plugin's key names for the server's CA (`caData` base64 PEM, `caFile`,
 * `skipTLSVerify`) and kubeconfig's for a client certificate (`clientCertData`/`clientCertFile`,
 * `clientKeyData`/`clientKeyFile`; the key is a secret). Files are read once, at startup.
 */
import { Config } from '@backstage/config';
import fs from 'fs';
import { StoreTlsOptions } from '../sources/http/storeTls';

/** PEM given inline, either as PEM text or base64 of it (as Kubernetes' `caData`). */
function pem(value: string): string {
  return value.trimStart().startsWith('-----BEGIN')
    ? value
    : Buffer.from(value, 'base64').toString('utf8');
}

function readPem(
  c: Config,
  dataKey: string,
  fileKey: string,
  where: string,
): string | undefined {
  const data = c.getOptionalString(dataKey);
  const file = c.getOptionalString(fileKey);
  if (data && file)
    throw new Error(`${where}: set ${dataKey} or ${fileKey}, not both`);
  const text = data
    ? pem(data)
    : file
    ? readFile(file, `${where}.${fileKey}`)
    : undefined;
  if (text !== undefined && !text.includes('-----BEGIN'))
    throw new Error(`${where}.${data ? dataKey : fileKey} is not PEM`);
  return text;
}

function readFile(file: string, where: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${where}: cannot read ${file} (${
        (error as NodeJS.ErrnoException).code
      })`,
    );
  }
}

/** The store's TLS options, or undefined when none is set. */
export function readStoreTls(
  c: Config,
  where: string,
  url: URL,
): StoreTlsOptions | undefined {
  const ca = readPem(c, 'caData', 'caFile', where);
  const cert = readPem(c, 'clientCertData', 'clientCertFile', where);
  const key = readPem(c, 'clientKeyData', 'clientKeyFile', where);
  const skipTLSVerify = c.getOptionalBoolean('skipTLSVerify') ?? false;
  if (!!cert !== !!key)
    throw new Error(
      `${where}: a client certificate needs both clientCert(Data|File) and clientKey(Data|File)`,
    );
  if (!ca && !cert && !skipTLSVerify) return undefined;
  if (url.protocol !== 'https:')
    throw new Error(`${where}: TLS settings need an https url`);
  return {
    ...(ca ? { ca } : {}),
    ...(cert && key ? { cert, key } : {}),
    skipTLSVerify,
  };
}
