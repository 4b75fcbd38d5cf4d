/*
 * The plugin's own catalog and permission calls are bounded (issue 13, finding 8): a call that
 * never answers becomes a 503-class error, typed TIMEOUT where it lands in a response's errors.
 */
import { CatalogClient } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import { refusedUrl } from '../__testUtils__/prometheus';
import { startTestServer } from '../__testUtils__/httpServer';
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

describe('a catalog that fails (the real CatalogClient over HTTP)', () => {
  const client = (baseUrl: string) =>
    new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
    });
  const ref = { kind: 'Component', namespace: 'default', name: 'x' };

  it('cannot be reached: 503, with the reason and no URL', async () => {
    const error = await withTimeout(
      client(refusedUrl()).getEntityByRef(ref),
      'The catalog',
    ).catch(e => e);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'The catalog could not be reached: ECONNREFUSED',
    });
  });

  it('answers 500: 503', async () => {
    const server = await startTestServer((_req, res) => {
      res.statusCode = 500;
      res.end('{"error":{"name":"Error","message":"boom"}}');
    });
    try {
      const error = await withTimeout(
        client(server.url).getEntityByRef(ref),
        'The catalog',
      ).catch(e => e);
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: 'The catalog answered 500',
      });
    } finally {
      await server.close();
    }
  });

  it("keeps the caller's own errors as they are", async () => {
    const notFound = new NotFoundError('no such entity');
    await expect(
      withTimeout(Promise.reject(notFound), 'The catalog'),
    ).rejects.toBe(notFound);
  });
});
