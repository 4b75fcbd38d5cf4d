/*
 * The plugin's own catalog and permission calls are bounded (issue 13, finding 8): a call that
 * never answers becomes a 503-class error, typed TIMEOUT where it lands in a response's errors.
 */
import { toSourceError } from '../service/sourceErrors';
import { withTimeout } from './withTimeout';

it('gives up on a call that never answers, with a typed error', async () => {
  const never = new Promise<never>(() => {});
  const error = await withTimeout(never, 'The catalog', 50).catch(e => e);
  expect(error).toMatchObject({
    name: 'ServiceUnavailableError',
    message: 'The catalog did not answer within 50 ms',
  });
  expect(toSourceError(error, 'catalog')).toMatchObject({
    source: 'catalog',
    errorType: 'TIMEOUT',
  });
});

it('passes an answer through', async () => {
  await expect(
    withTimeout(Promise.resolve(42), 'The catalog', 50),
  ).resolves.toBe(42);
});
