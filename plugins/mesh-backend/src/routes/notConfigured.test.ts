/*
 * The plugin installed with nothing configured (what an adopter gets before setting up clusters):
 * no demo data anywhere, and every view says so with a typed NOT_CONFIGURED entry the UI turns into
 * setup guidance. Real test backend and HTTP; see __testUtils__/testBackend for the test doubles.
 */
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const notConfigured = expect.objectContaining({
  source: 'inventory',
  errorType: 'NOT_CONFIGURED',
  message: expect.stringContaining('No cluster is configured'),
});

// Names only the embedded demo mesh's inventory and traffic produce (not the catalog's entities).
const DEMO_ONLY =
  /productpage-v1|reviews-v[123]|istio-ingressgateway|details-v1/;

describe('with no cluster configured', () => {
  let server: Awaited<ReturnType<typeof startMeshBackend>>;
  beforeAll(async () => {
    server = await startMeshBackend({ demo: false });
  });

  it.each([
    ['graph', 'EntityGraph'],
    ['health', 'EntityHealth'],
    ['workloads', 'EntityWorkloads'],
    ['security', 'EntitySecurity'],
    ['config', 'EntityConfig'],
  ])(
    'answers %s with a NOT_CONFIGURED error and no demo data',
    async (route, schema) => {
      const res = await request(server).get(entityUrl('productpage', route));
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual(expect.arrayContaining([notConfigured]));
      expect(JSON.stringify(res.body)).not.toMatch(DEMO_ONLY);
      expect(openApiErrors(schema, res.body)).toEqual([]);
    },
  );

  it('answers the graph with no nodes or edges and the overview with no demo data', async () => {
    const graph = await request(server).get(entityUrl('productpage', 'graph'));
    expect(graph.body.nodes).toEqual([]);
    expect(graph.body.edges).toEqual([]);
    const overview = await request(server).get('/api/mesh/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.errors).toEqual(
      expect.arrayContaining([notConfigured]),
    );
    expect(JSON.stringify(overview.body)).not.toMatch(DEMO_ONLY);
    expect(overview.body.summary.workloads).toBe(0);
    expect(overview.body.graph.nodes).toEqual([]);
  });
});
