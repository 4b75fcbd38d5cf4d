/*
 * A time limit on the plugin's own calls to other Backstage services (catalog, permissions): a
 * catalog that hangs must not hold a mesh request forever. The error is a ServiceUnavailableError:
 * routes answer it with 503, and sourceErrors.toSourceError types it as TIMEOUT. A call that fails
 * because the service cannot be reached or answers 5xx is a 503 too, not an unhandled 500 (seen
 * under load: a reset connection to the catalog).
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

/** The service's failure as a 503, or the error itself when it is the caller's (4xx) or ours. */
function unavailable(error: any, what: string): Error {
  const status = error?.name === 'ResponseError' ? error.statusCode : undefined;
  if (typeof status === 'number' && status >= 500)
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
