import { ResponseError } from '@backstage/errors';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { MeshClient } from './MeshClient';

const baseUrl = 'http://backstage.test/api/mesh';
const reviews = { kind: 'Component', namespace: 'default', name: 'reviews' };

describe('MeshClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new MeshClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  /** Serves the graph route and records the URLs it was called with. */
  function serveGraph() {
    const requested: URL[] = [];
    server.use(
      http.get(`${baseUrl}/entities/by-name/*`, ({ request }) => {
        requested.push(new URL(request.url));
        return HttpResponse.json(bookinfoGraph);
      }),
    );
    return requested;
  }

  it('fetches the entity graph with the query parameters', async () => {
    const requested = serveGraph();

    const graph = await client.getEntityGraph(reviews, {
      window: '5m',
      hops: 2,
      graphType: 'workload',
    });

    expect(graph).toEqual(bookinfoGraph);
    expect(requested).toHaveLength(1);
    expect(requested[0].pathname).toBe(
      '/api/mesh/entities/by-name/Component/default/reviews/graph',
    );
    expect(Object.fromEntries(requested[0].searchParams)).toEqual({
      window: '5m',
      hops: '2',
      graphType: 'workload',
    });
  });

  it('omits parameters that are not set so backend defaults apply', async () => {
    const requested = serveGraph();

    await client.getEntityGraph(reviews);

    expect(requested[0].search).toBe('');
  });

  it('encodes each path segment', async () => {
    const requested = serveGraph();

    await client.getEntityGraph(
      { kind: 'Component', namespace: 'team a', name: 'a/b?c#d' },
      { window: '10m' },
    );

    // The raw URL must keep the slash encoded, or it would address another route.
    expect(requested[0].href).toBe(
      `${baseUrl}/entities/by-name/Component/team%20a/a%2Fb%3Fc%23d/graph?window=10m`,
    );
  });

  it.each([
    [404, 'NotFoundError', 'No entity component:default/reviews'],
    [400, 'InputError', "Invalid window 'x'"],
    [401, 'AuthenticationError', 'Missing credentials'],
  ])(
    'rejects a %s answer with a ResponseError carrying the server error',
    async (statusCode, name, message) => {
      server.use(
        http.get(`${baseUrl}/entities/by-name/*`, () =>
          HttpResponse.json(
            {
              error: { name, message },
              request: { method: 'GET', url: '/entities/by-name/...' },
              response: { statusCode },
            },
            { status: statusCode },
          ),
        ),
      );

      const error = await client.getEntityGraph(reviews).catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(statusCode);
      expect(error.cause).toMatchObject({ name, message });
    },
  );

  it('rejects a non-JSON error answer with a ResponseError', async () => {
    server.use(
      http.get(
        `${baseUrl}/entities/by-name/*`,
        () => new HttpResponse('Bad gateway', { status: 502 }),
      ),
    );

    const error = await client.getEntityGraph(reviews).catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });

  it.each([
    [
      'series of a node',
      (c: MeshClient) =>
        c.getEntitySeries(reviews, {
          window: '5m',
          node: 'wl:demo:bookinfo:reviews-v2',
        }),
      '/reviews/series',
      { window: '5m', node: 'wl:demo:bookinfo:reviews-v2' },
    ],
    [
      'series of an edge',
      (c: MeshClient) => c.getEntitySeries(reviews, { edge: 'a->b:http' }),
      '/reviews/series',
      { edge: 'a->b:http' },
    ],
    [
      'health',
      (c: MeshClient) => c.getEntityHealth(reviews, { window: '5m' }),
      '/reviews/health',
      { window: '5m' },
    ],
    [
      'security',
      (c: MeshClient) => c.getEntitySecurity(reviews),
      '/reviews/security',
      {},
    ],
    [
      'config',
      (c: MeshClient) => c.getEntityConfig(reviews),
      '/reviews/config',
      {},
    ],
    [
      'workloads',
      (c: MeshClient) => c.getEntityWorkloads(reviews),
      '/reviews/workloads',
      {},
    ],
    [
      'traces',
      (c: MeshClient) =>
        c.getEntityTraces(reviews, {
          lookback: '6h',
          limit: 50,
          minDuration: '100ms',
          errorsOnly: true,
        }),
      '/reviews/traces',
      { lookback: '6h', limit: '50', minDuration: '100ms', errorsOnly: 'true' },
    ],
    [
      'one trace',
      (c: MeshClient) => c.getEntityTrace(reviews, 'abcdef0123456789'),
      '/reviews/traces/abcdef0123456789',
      {},
    ],
    [
      'dependencies',
      (c: MeshClient) => c.getEntityDependencies(reviews, { window: '1h' }),
      '/reviews/dependencies',
      { window: '1h' },
    ],
    [
      'posture',
      (c: MeshClient) => c.getEntityPosture(reviews, { window: '1h' }),
      '/reviews/posture',
      { window: '1h' },
    ],
  ] as const)('reads the %s route', async (_what, call, suffix, query) => {
    const requested = serveGraph();

    await call(client);

    expect(requested[0].pathname).toBe(
      `/api/mesh/entities/by-name/Component/default${suffix}`,
    );
    expect(Object.fromEntries(requested[0].searchParams)).toEqual(query);
  });

  it('reads the team, overview, catalog posture and mesh config routes', async () => {
    const requested: URL[] = [];
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        requested.push(new URL(request.url));
        return HttpResponse.json({});
      }),
    );

    await client.getTeam(
      { kind: 'Group', namespace: 'default', name: 'bookinfo-team' },
      { window: '10m' },
    );
    await client.getOverview({ window: '1h' });
    await client.getCatalogPosture();
    await client.getInsights({ window: '1h', limit: 3 });
    await client.getMeshConfig();
    await client.getMeshConfig({
      owner: 'unowned',
      severity: 'error',
      kind: undefined,
    });

    expect(requested.map(u => `${u.pathname}${u.search}`)).toEqual([
      '/api/mesh/entities/by-name/Group/default/bookinfo-team/team?window=10m',
      '/api/mesh/overview?window=1h',
      '/api/mesh/posture',
      '/api/mesh/insights?window=1h&limit=3',
      '/api/mesh/config',
      '/api/mesh/config?severity=error&owner=unowned',
    ]);
  });
});
