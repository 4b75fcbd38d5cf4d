/*
 * TLS to a data source: its private CA, our client certificate, or no verification. Node's fetch
 * takes these through an undici dispatcher (an Agent with TLS connect options), one per store,
 * which also keeps the store's connections alive between queries. TLS failures are classified
 * here: a server certificate we do not trust is a TLS error; a client certificate the server
 * refuses (expired, unknown CA, missing) is a refused credential, UNAUTHORIZED.
 */
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import { createHash, X509Certificate } from 'crypto';
import net from 'net';
import { connect as tlsConnect } from 'tls';
import { Agent, Dispatcher } from 'undici';

export interface StoreTlsOptions {
  /** PEM of the CA(s) that sign the store's server certificate (replaces the system CAs). */
  ca?: string;
  /** PEM client certificate and its key (mTLS). */
  cert?: string;
  key?: string;
  /** Accept any server certificate (logged as a warning at startup). */
  skipTLSVerify: boolean;
}

export function storeDispatcher(
  tls: StoreTlsOptions | undefined,
): Dispatcher | undefined {
  if (!tls) return undefined;
  return new Agent({
    connect: {
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}),
      rejectUnauthorized: !tls.skipTLSVerify,
    },
  });
}

/** Who we are to the store at the TLS level (for cache keys): our client certificate's fingerprint. */
export function tlsIdentity(tls: StoreTlsOptions | undefined): string {
  if (!tls?.cert) return '';
  try {
    return new X509Certificate(tls.cert).fingerprint256;
  } catch {
    return createHash('sha256').update(tls.cert).digest('hex');
  }
}

/** The client key is a credential: never in messages. */
export function tlsSecrets(tls: StoreTlsOptions | undefined): string[] {
  return tls?.key ? [tls.key] : [];
}

/** Server certificate verification failures (Node / OpenSSL codes). */
const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The server's TLS alert when it refuses our client certificate (OpenSSL's alert codes). */
const CLIENT_CERT_ALERT =
  /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL\/TLS)_ALERT_(CERTIFICATE_EXPIRED|CERTIFICATE_REQUIRED|UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE|ACCESS_DENIED)$/;

export interface TlsFailure {
  errorType: MeshSourceErrorType;
  reason: string;
}

/** A connection error as a TLS failure, or undefined when it is none. */
export function tlsFailure(
  code: string | undefined,
  tls?: StoreTlsOptions,
): TlsFailure | undefined {
  if (!code) return undefined;
  if (UNTRUSTED_SERVER.has(code))
    return {
      errorType: 'TLS',
      reason: `its server certificate is not trusted (${code}): check caData/caFile`,
    };
  const alert = CLIENT_CERT_ALERT.exec(code);
  if (alert) {
    const expiry = expiredOn(tls?.cert);
    const why = expiry
      ? `certificate expired on ${expiry}`
      : alert[1].toLowerCase().replace(/_/g, ' ');
    return {
      errorType: 'UNAUTHORIZED',
      reason: `it refused our client certificate (${why}): check clientCertData/clientCertFile`,
    };
  }
  return undefined;
}

/** When our client certificate has expired, the date it did (servers' alerts rarely say why). */
function expiredOn(cert: string | undefined): string | undefined {
  if (!cert) return undefined;
  try {
    const validTo = new Date(new X509Certificate(cert).validTo);
    return validTo.getTime() < Date.now()
      ? validTo.toISOString().slice(0, 10)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a TLS connection to `url` fails, found by opening one the same way. Needed because with
 * TLS 1.3 a server checks the client certificate after the handshake has completed on our side:
 * its alert reaches the socket, but fetch reports only "other side closed".
 */
export function diagnoseTls(
  url: URL,
  options: StoreTlsOptions,
  timeoutMs: number,
): Promise<TlsFailure | undefined> {
  return new Promise(resolve => {
    const socket = tlsConnect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 443),
      servername: net.isIP(url.hostname) ? undefined : url.hostname,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.cert ? { cert: options.cert, key: options.key } : {}),
      rejectUnauthorized: !options.skipTLSVerify,
    });
    const finish = (failure?: TlsFailure) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(failure);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.once('secureConnect', () =>
      socket.write(
        `HEAD / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`,
      ),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(tlsFailure(error.code, options)),
    );
    socket.once('data', () => finish(undefined));
    socket.once('end', () => finish(undefined));
  });
}
