/*
 * A time limit on the plugin's own calls to other Backstage services (catalog, permissions): a
 * catalog that hangs must not hold a mesh request forever. The error is a ServiceUnavailableError:
 * routes answer it with 503, and sourceErrors.toSourceError types it as TIMEOUT.
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
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
