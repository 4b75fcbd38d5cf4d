/*
 * Errors of the Kubernetes client → typed per-cluster MeshSourceErrors. Messages are built here from
 * the status code and the API server's own Status message, never by passing the client's error text
 * through (client errors can embed request details), and every configured secret is redacted from
 * them as a second line of defence.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';

interface ClientError {
  name?: string;
  message?: string;
  /** ApiException (lists, discovery). */
  code?: number | string;
  /** Watch errors. */
  statusCode?: number;
  body?: unknown;
  cause?: { code?: string; message?: string };
}

export function statusOf(error: unknown): number | undefined {
  const e = error as ClientError;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

export interface ClassifiedError {
  errorType: MeshSourceError['errorType'];
  statusCode?: number;
  reason: string;
}

export function classify(error: unknown): ClassifiedError {
  const e = (error ?? {}) as ClientError;
  // The cloud strategy could not mint a credential (./clusterCredentials): nothing was sent.
  if (e.name === 'ClusterAuthError')
    return { errorType: 'UNAUTHORIZED', reason: String(e.message) };
  const statusCode = statusOf(error);
  if (statusCode !== undefined) {
    const errorType: MeshSourceError['errorType'] =
      statusCode === 401
        ? 'UNAUTHORIZED'
        : statusCode === 403
        ? 'FORBIDDEN'
        : statusCode === 404
        ? 'NOT_FOUND'
        : statusCode >= 500
        ? 'UNREACHABLE'
        : 'BAD_RESPONSE';
    const serverMessage = statusMessage(e.body);
    return {
      errorType,
      statusCode,
      reason: `the API server answered ${statusCode}${
        serverMessage ? `: ${serverMessage}` : ''
      }`,
    };
  }
  if (e.name === 'TimeoutError')
    return {
      errorType: 'TIMEOUT',
      reason: 'the API server did not answer in time',
    };
  // Raised by the request limits (./requestLimits) and by parsing what the server sent.
  const code = e.cause?.code ?? (e as { code?: unknown }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return {
      errorType: 'TIMEOUT',
      reason: 'the API server did not answer in time',
    };
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
    return {
      errorType: 'BAD_RESPONSE',
      reason: "the API server's response exceeds the size limit",
    };
  if (e.name === 'SyntaxError')
    return {
      errorType: 'BAD_RESPONSE',
      // Not shortened here: clusterError redacts secrets first, then cuts the whole message.
      reason: `the API server's answer is not valid: ${String(e.message)}`,
    };
  // A kept connection (./requestLimits) the server closed or dropped while a request was on it.
  if (code === 'UND_ERR_SOCKET')
    return {
      errorType: 'UNREACHABLE',
      reason: 'the API server closed the connection (UND_ERR_SOCKET)',
    };
  if (
    e.cause?.code ||
    e.message === 'fetch failed' ||
    e.message === 'terminated'
  ) {
    return {
      errorType: 'UNREACHABLE',
      reason: `cannot reach the API server (${
        e.cause?.code ?? e.cause?.message ?? e.message
      })`,
    };
  }
  return { errorType: 'SYSTEM_ERROR', reason: String(e.message ?? error) };
}

/** One error for all the parts of a cluster (`what`) that failed the same way. */
export function clusterError(
  cluster: string,
  what: string[],
  failure: ClassifiedError,
  secrets: string[],
  /** Named in authentication and authorisation failures, so an adopter knows which setup to check. */
  authProvider?: string,
): MeshSourceError {
  const provider =
    authProvider &&
    (failure.errorType === 'UNAUTHORIZED' || failure.errorType === 'FORBIDDEN')
      ? ` (auth provider '${authProvider}')`
      : '';
  return {
    source: 'inventory',
    errorType: failure.errorType,
    cluster,
    ...(failure.statusCode !== undefined
      ? { statusCode: failure.statusCode }
      : {}),
    message: redact(
      `Cluster '${cluster}'${provider}, ${summarize(what)}: ${failure.reason}`,
      secrets,
    ).slice(0, 500),
  };
}

/** Per-part failures of a cluster, merged where the failure is the same (a cluster that is down fails everywhere). */
export function mergeClusterErrors(
  cluster: string,
  failures: Array<{ what: string; error: unknown }>,
  secrets: string[],
  authProvider?: string,
): MeshSourceError[] {
  const groups = new Map<
    string,
    { failure: ClassifiedError; what: string[] }
  >();
  for (const { what, error } of failures) {
    const failure = classify(error);
    const key = `${failure.errorType}|${failure.statusCode}|${failure.reason}`;
    const group = groups.get(key) ?? { failure, what: [] };
    group.what.push(what);
    groups.set(key, group);
  }
  return [...groups.values()].map(g =>
    clusterError(cluster, g.what, g.failure, secrets, authProvider),
  );
}

export function toClusterError(
  error: unknown,
  cluster: string,
  what: string,
  secrets: string[],
  authProvider?: string,
): MeshSourceError {
  return clusterError(cluster, [what], classify(error), secrets, authProvider);
}

function summarize(what: string[]): string {
  return what.length <= 3
    ? what.join(', ')
    : `${what.slice(0, 2).join(', ')} and ${what.length - 2} more resources`;
}

function statusMessage(body: unknown): string | undefined {
  if (!body) return undefined;
  let parsed = body as { message?: unknown };
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof parsed?.message === 'string' ? parsed.message : undefined;
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short strings would redact innocent words; real tokens and CA data are long.
    if (secret && secret.length >= 8)
      out = out.split(secret).join('[redacted]');
  }
  return out;
}
