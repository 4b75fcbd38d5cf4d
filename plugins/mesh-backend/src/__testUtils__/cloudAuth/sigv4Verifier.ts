/*
 * TEST DOUBLE of AWS's signature check (AWS Signature Version 4), written from AWS's published
 * algorithm with node:crypto only — deliberately not with the SDK that signs, so a test passes only
 * when the request carries a signature AWS itself would accept for the given static credentials.
 * Used by the EKS double (a presigned STS GetCallerIdentity URL inside a `k8s-aws-v1.` token, as
 * aws-iam-authenticator receives it) and by the Amazon Managed Prometheus double (signed POSTs).
 * The cloud boundary: real AWS would then look the key up; here the test owns the secret.
 * Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHash, createHmac } from 'crypto';

export interface StaticAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

export interface SignatureCheck {
  ok: boolean;
  reason?: string;
  region?: string;
  service?: string;
  signedHeaders?: string[];
}

const sha256 = (data: string) =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding, as SigV4 requires (encodeURIComponent leaves !'()* alone). */
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Verifies a request signed in the Authorization header or presigned in the query. */
export function verifySigV4(
  request: SignedRequest,
  credentials: StaticAwsCredentials,
  expected: { region: string; service: string },
  now = new Date(),
): SignatureCheck {
  const presigned = request.query.has('X-Amz-Signature');
  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let amzDate: string;
  if (presigned) {
    credential = request.query.get('X-Amz-Credential') ?? '';
    signedHeaders = request.query.get('X-Amz-SignedHeaders') ?? '';
    signature = request.query.get('X-Amz-Signature') ?? '';
    amzDate = request.query.get('X-Amz-Date') ?? '';
  } else {
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
        request.headers.authorization ?? '',
      );
    if (!m) return { ok: false, reason: 'no SigV4 Authorization header' };
    [, credential, signedHeaders, signature] = m;
    amzDate = request.headers['x-amz-date'] ?? '';
  }
  const [keyId, date, region, service, terminator] = credential.split('/');
  if (keyId !== credentials.accessKeyId)
    return { ok: false, reason: `unknown access key ${keyId}` };
  if (region !== expected.region || service !== expected.service)
    return { ok: false, reason: `scope ${region}/${service}` };
  if (terminator !== 'aws4_request' || !amzDate.startsWith(date))
    return { ok: false, reason: 'malformed credential scope' };
  const signedAt = Date.parse(
    amzDate.replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    ),
  );
  if (!(Math.abs(now.getTime() - signedAt) < 15 * 60_000))
    return { ok: false, reason: 'signature too old (or from the future)' };
  const headerNames = signedHeaders.split(';');
  if (!headerNames.includes('host'))
    return { ok: false, reason: 'host is not signed' };

  const canonicalQuery = [...request.query.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = headerNames
    .map(
      name =>
        `${name}:${(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalPath =
    request.path
      .split('/')
      .map(segment => uriEncode(decodeURIComponent(segment)))
      .join('/') || '/';
  const canonicalRequest = [
    request.method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256(canonicalRequest),
  ].join('\n');
  const key = [date, region, service, 'aws4_request'].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  const expectedSignature = hmac(key, stringToSign).toString('hex');
  return expectedSignature === signature
    ? { ok: true, region, service, signedHeaders: headerNames }
    : { ok: false, reason: 'signature does not match' };
}

/**
 * What aws-iam-authenticator checks of an EKS token before it asks STS who signed it: a presigned
 * GetCallerIdentity URL of an STS endpoint, signed with `x-k8s-aws-id` naming this cluster.
 */
export function verifyEksToken(
  authorization: string | undefined,
  credentials: StaticAwsCredentials,
  cluster: { id: string; region: string },
): SignatureCheck {
  const m = /^Bearer k8s-aws-v1\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!m) return { ok: false, reason: 'not an EKS token' };
  const url = new URL(Buffer.from(m[1], 'base64url').toString('utf8'));
  if (url.host !== `sts.${cluster.region}.amazonaws.com`)
    return { ok: false, reason: `not an STS endpoint: ${url.host}` };
  if (url.searchParams.get('Action') !== 'GetCallerIdentity')
    return { ok: false, reason: 'not GetCallerIdentity' };
  const check = verifySigV4(
    {
      method: 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: { host: url.host, 'x-k8s-aws-id': cluster.id },
      payloadHash: sha256(''),
    },
    credentials,
    { region: cluster.region, service: 'sts' },
  );
  if (check.ok && !check.signedHeaders?.includes('x-k8s-aws-id'))
    return { ok: false, reason: 'x-k8s-aws-id is not signed' };
  return check;
}

export function payloadHashOf(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}
