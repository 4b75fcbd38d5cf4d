/* Turns an exception from a data source into a typed per-source error (never a 500 for the whole request). */
import {
  MeshSourceError,
  MeshSourceKind,
} from '@mesh-portal/plugin-mesh-common';

export function toSourceError(
  error: unknown,
  source: MeshSourceKind,
  cluster?: string,
): MeshSourceError {
  const e = error as {
    name?: string;
    message?: string;
    statusCode?: number;
    response?: { status?: number };
  };
  const statusCode = e?.statusCode ?? e?.response?.status;
  const errorType: MeshSourceError['errorType'] =
    statusCode === 401
      ? 'UNAUTHORIZED'
      : statusCode === 403
      ? 'FORBIDDEN'
      : statusCode === 404
      ? 'NOT_FOUND'
      : e?.name === 'AbortError' ||
        e?.name === 'TimeoutError' ||
        // scope/withTimeout: the catalog or permission service did not answer in time
        e?.name === 'ServiceUnavailableError'
      ? 'TIMEOUT'
      : 'SYSTEM_ERROR';
  return {
    source,
    errorType,
    ...(cluster ? { cluster } : {}),
    ...(statusCode ? { statusCode } : {}),
    message: String(e?.message ?? error).slice(0, 500),
  };
}

/** Runs a source call; a failure becomes a per-source error and the fallback value. */
export async function guarded<
  T,
  R extends { value: T; errors: MeshSourceError[] } = {
    value: T;
    errors: MeshSourceError[];
  },
>(
  run: () => Promise<R>,
  fallback: T,
  source: MeshSourceKind,
  cluster?: string,
): Promise<R | { value: T; errors: MeshSourceError[] }> {
  try {
    return await run();
  } catch (error) {
    return { value: fallback, errors: [toSourceError(error, source, cluster)] };
  }
}

/** Errors of several reads of the same sources, each once. */
export function uniqueErrors(errors: MeshSourceError[]): MeshSourceError[] {
  const seen = new Set<string>();
  return errors.filter(e => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
