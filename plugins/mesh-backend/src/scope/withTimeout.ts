/*
 * A time limit on the plugin's own calls to other Backstage services (catalog, permissions): a
 * catalog that hangs must not hold a mesh request forever. The error is a ServiceUnavailableError:
 * routes answer it with 503, and sourceErrors.toSourceError types it as TIMEOUT. A call that fails
 * because the service cannot be reached or answers 5xx (or another status that is not about the
 * caller) is a 503 too, not an unhandled 500 (seen under load: a reset connection to the catalog).
 */
import { ServiceUnavailableError } from '@backstage/errors';

/** How long the plugin waits for the catalog or the permission service. */
export const BACKSTAGE_CALL_TIMEOUT_MS = 10_000;

export async function withTimeout<T>(
  call: Promise<T>,
  what: string,
  timeoutMs = BACKSTAGE_CALL_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new ServiceUnavailableError(
          `${what} did not answer within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      call.catch(error => {
        throw unavailable(error, what);
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The service's failure as a 503, or the error itself when it is the caller's or ours. Of an
 * upstream's HTTP status, only 401, 403 and 404 speak about the caller; any other (5xx, 429, or a
 * 413 of a request too large even when split down to one decision: ./sendDecisions) is the
 * service's, and never becomes the status of a route (issue 15: a route answered the permission
 * service's 413).
 */
function unavailable(error: any, what: string): Error {
  const status = error?.name === 'ResponseError' ? error.statusCode : undefined;
  if (typeof status === 'number' && ![401, 403, 404].includes(status))
    return new ServiceUnavailableError(`${what} answered ${status}`);
  const network =
    error?.name === 'FetchError' ||
    (error?.name === 'TypeError' && error?.message === 'fetch failed') ||
    /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)$/.test(
      String(error?.code ?? error?.cause?.code),
    );
  if (network)
    return new ServiceUnavailableError(
      `${what} could not be reached: ${
        error?.cause?.code ?? error?.code ?? error?.message
      }`,
    );
  return error;
}
