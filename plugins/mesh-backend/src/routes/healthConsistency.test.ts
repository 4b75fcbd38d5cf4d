/*
 * One entity, one window, one verdict: for every demo Component, the health its Health tab shows
 * equals its row in the /mesh and team tables, its node in the /mesh and team graphs, and the
 * worst of its nodes in its own graph of every type (the nodes the graph colours for it).
 */
import {
  MESH_HEALTH_PRIORITY,
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
  MeshHealthStatus,
  MeshOverviewResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const WINDOW = '10m';
const worst = (statuses: MeshHealthStatus[]) =>
  statuses.reduce<MeshHealthStatus>(
    (a, b) => (MESH_HEALTH_PRIORITY[b] > MESH_HEALTH_PRIORITY[a] ? b : a),
    'no-data',
  );

describe('health is one number everywhere', () => {
  const components = demoCatalogEntities().filter(
    e =>
      e.kind === 'Component' &&
      (e.metadata.annotations?.['backstage.io/kubernetes-id'] ||
        e.metadata.annotations?.['backstage.io/kubernetes-label-selector']),
  );

  it('covers the whole demo catalog', () => {
    expect(components.length).toBeGreaterThanOrEqual(25);
  });

  it('gives each demo Component the same health on every route', async () => {
    const server = await startMeshBackend();
    const get = async <T>(url: string): Promise<T> => {
      const res = await request(server).get(url);
      expect(res.status).toBe(200);
      return res.body as T;
    };
    const overview = await get<MeshOverviewResponse>(
      `/api/mesh/overview?window=${WINDOW}`,
    );
    const teams = new Map<string, MeshTeamResponse>();
    const mismatches: string[] = [];
    const verdicts = new Set<MeshHealthStatus>();

    for (const entity of components) {
      const name = entity.metadata.name;
      const ref = `component:default/${name}`;
      const owner = String(entity.spec?.owner).replace(/^group:default\//, '');
      if (!teams.has(owner))
        teams.set(
          owner,
          await get<MeshTeamResponse>(
            `/api/mesh/entities/by-name/group/default/${owner}/team?window=${WINDOW}`,
          ),
        );
      const team = teams.get(owner)!;
      const health = await get<MeshEntityHealthResponse>(
        entityUrl(name, 'health', `?window=${WINDOW}`),
      );
      const expected = health.health.status;
      verdicts.add(expected);
      const seen: Record<string, MeshHealthStatus | undefined> = {
        'overview row': overview.entities.find(e => e.entityRef === ref)
          ?.health,
        'overview graph node': overview.graph.nodes.find(
          n => n.id === `entity:${ref}`,
        )?.health.status,
        'team row': team.components.find(c => c.entityRef === ref)?.health,
        'team graph node': team.graph.nodes.find(n => n.id === `entity:${ref}`)
          ?.health.status,
      };
      for (const graphType of ['workload', 'app', 'versionedApp', 'service']) {
        const graph = await get<MeshEntityGraphResponse>(
          entityUrl(name, 'graph', `?window=${WINDOW}&graphType=${graphType}`),
        );
        const own = graph.nodes.filter(n => n.entityRef === ref);
        if (own.length > 0)
          seen[`${graphType} graph`] = worst(own.map(n => n.health.status));
      }
      for (const [view, status] of Object.entries(seen)) {
        // An entity whose workloads send and receive nothing the mesh can name has no node.
        if (status !== undefined && status !== expected)
          mismatches.push(`${name}: Health tab ${expected}, ${view} ${status}`);
      }
      // Each reason once, never as "degraded at ≥ 0%".
      expect(new Set(health.health.reasons).size).toBe(
        health.health.reasons.length,
      );
      for (const reason of health.items.flatMap(i => i.health.reasons))
        expect(reason).not.toMatch(/≥ 0%/);
    }
    expect(mismatches).toEqual([]);
    // The demo is built to show more than one verdict (faults, a missing replica, gRPC errors).
    expect(verdicts.size).toBeGreaterThan(1);
    // ~150 requests, each building a graph: minutes on a busy 2-core machine.
  }, 300_000);

  it('judges ratings by all requests to its Service, served or answered by the fault rule', async () => {
    const server = await startMeshBackend();
    const health: MeshEntityHealthResponse = (
      await request(server).get(entityUrl('ratings', 'health', '?window=10m'))
    ).body;
    const graph: MeshEntityGraphResponse = (
      await request(server).get(entityUrl('ratings', 'graph', '?window=10m'))
    ).body;
    const service = graph.nodes.find(
      n => n.id === 'svc:demo:bookinfo:ratings',
    )!;
    // The workload graph sends this node only the injected 500s, but its health is the Service's.
    expect(service.rpsIn).toBeLessThan(1);
    expect(service.health.status).toBe('degraded');
    expect(service.health.errorRatio).toBeCloseTo(0.05, 2);
    expect(health.health.status).toBe('degraded');
    // The errors are the fault rule's: the reasons say they were injected on purpose (flag FI).
    expect(health.health.reasons).toEqual([
      'Service ratings: 5.0% 5xx on inbound HTTP (degraded: any 5xx, failure: ≥ 10%)',
      'Service ratings: 5.0% of inbound requests were faults injected by Istio (FI): injected on purpose, not a failure of the service',
    ]);
  });
});
