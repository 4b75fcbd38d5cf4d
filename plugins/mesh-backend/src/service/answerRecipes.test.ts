/*
 * A model snapshot's shared answers — the whole-mesh graph of a caller view and the overview
 * derived from it — are computed for the model's next snapshot before requests see it
 * (./answerRecipes, MeshGraphService.prepareSnapshot), only for views requests read, and equal what
 * a request computes itself. The demo's inventory and traffic, in process, served as the mesh
 * model serves them (freshness `model`, one snapshot object per refresh); the catalog is
 * catalogServiceMock (a test double: what is tested is the bookkeeping, not catalog access).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MeshOverviewResponse } from '@mesh-portal/plugin-mesh-common';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { readMeshConfig } from '../config/readMeshConfig';
import { wholeGraphOf } from '../graph/meshGraphBase';
import { createSources } from '../sources/createSources';
import { TelemetrySource, TrafficSnapshot } from '../sources/types';
import { createServices } from './createServices';

// Counts whole-mesh graph builds (the real pipeline runs).
jest.mock('../graph/meshGraphBase', () => {
  const actual = jest.requireActual('../graph/meshGraphBase');
  return { ...actual, wholeGraphOf: jest.fn(actual.wholeGraphOf) };
});
const builds = wholeGraphOf as jest.MockedFunction<typeof wholeGraphOf>;

/** The answer without what differs between two reads (the time it was asked). */
const comparable = (o: MeshOverviewResponse) => ({
  ...o,
  timestamp: undefined,
  graph: { ...o.graph, timestamp: undefined, telemetry: undefined },
});

async function modelMesh() {
  const config = readMeshConfig(
    new ConfigReader({ mesh: { demo: { enabled: true } } }),
  );
  const demo = createSources(config, { logger: mockServices.logger.mock() });
  const live = demo.telemetryFor('demo')!;
  const read = async () =>
    (await live.getTraffic({ windowSeconds: 600, time: new Date() })).value;
  let current: TrafficSnapshot = await read();
  const model: TelemetrySource = Object.assign(Object.create(live), {
    getTraffic: async () => ({
      value: current,
      errors: [],
      freshness: { state: 'model', time: new Date() },
    }),
  });
  // Two backends on the same model: one prepares each new snapshot, the other does not.
  const backend = () => {
    const services = createServices({
      config,
      sources: { ...demo, telemetryFor: () => model },
      catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
    });
    return {
      overview: () =>
        services.rollup.getOverview({
          windowSeconds: 600,
          credentials: mockCredentials.user(),
        }),
      prepare: (next: TrafficSnapshot, previous: TrafficSnapshot) =>
        services.graph.prepareSnapshot(next, previous),
    };
  };
  const refresh = async (prepare: (next: TrafficSnapshot) => Promise<void>) => {
    const next = await read();
    expect(next).not.toBe(current);
    await prepare(next);
    current = next;
  };
  return { backend, refresh, current: () => current };
}

describe('answer recipes', () => {
  it('computes the overview a view read for the next snapshot before requests see it', async () => {
    const mesh = await modelMesh();
    const preparing = mesh.backend();
    const plain = mesh.backend();
    await preparing.overview();
    await plain.overview();
    builds.mockClear();
    await mesh.refresh(next => preparing.prepare(next, mesh.current()));
    // The whole graph of the view, for the next snapshot, before any request of it.
    expect(builds).toHaveBeenCalledTimes(1);
    builds.mockClear();
    const prepared = await preparing.overview();
    expect(builds).not.toHaveBeenCalled();
    // What the request found equals what a request computes itself.
    const computed = await plain.overview();
    expect(builds).toHaveBeenCalledTimes(1);
    expect(comparable(prepared)).toEqual(comparable(computed));
    expect(prepared.entities.length).toBeGreaterThan(0);
  });

  it('stops preparing a view once no request reads it', async () => {
    const mesh = await modelMesh();
    const preparing = mesh.backend();
    await preparing.overview();
    await mesh.refresh(next => preparing.prepare(next, mesh.current()));
    // Nobody asked for the prepared snapshot's overview: the next one is not prepared.
    builds.mockClear();
    await mesh.refresh(next => preparing.prepare(next, mesh.current()));
    expect(builds).not.toHaveBeenCalled();
    await preparing.overview();
    expect(builds).toHaveBeenCalledTimes(1);
  });
});
