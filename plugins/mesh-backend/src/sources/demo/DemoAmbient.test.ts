/*
 * The demo's ambient namespace with a waypoint (topologies/travels) must report like Istio does
 * (docs/kiali-semantics.md §1.3): the waypoint reports the requests it carries for the real client
 * and server, ztunnel reports client → waypoint and waypoint → server as TCP, and the HTTPRoute's
 * weights decide the split — checked on the shipped weights and on changed ones.
 */
import { DemoMesh } from './DemoMesh';
import {
  DEMO_TEST_EPOCH as EPOCH,
  demoTraffic as traffic,
  findObject,
  modelWith,
  sum,
  where,
} from './testModel';
import { TRAVELS_SPLIT } from './topologies/travels';

describe('DemoMesh ambient waypoint (travels)', () => {
  it('has a waypoint workload and no config warnings', () => {
    const mesh = new DemoMesh({ epochSeconds: EPOCH });
    expect(mesh.warnings).toEqual([]);
    const waypoint = mesh.workloads.find(
      w => w.namespace === 'travels' && w.name === 'waypoint',
    );
    expect(waypoint?.podLabels['gateway.istio.io/managed']).toBe(
      'istio.io-mesh-controller',
    );
  });

  it('reports L7 with reporter="waypoint" and ztunnel legs through the waypoint', async () => {
    const t = await traffic(new DemoMesh({ epochSeconds: EPOCH }));
    const l7 = where(t.requests, {
      source_workload: 'travels-portal',
      destination_service_namespace: 'travels',
    });
    expect(new Set(l7.map(s => s.labels.reporter))).toEqual(
      new Set(['waypoint']),
    );
    expect(l7.every(s => s.labels.destination_workload !== 'waypoint')).toBe(
      true,
    );
    const toWaypoint = where(t.tcpSent, {
      reporter: 'source',
      source_workload: 'travels-portal',
      destination_workload: 'waypoint',
    });
    const fromWaypoint = where(t.tcpSent, {
      reporter: 'destination',
      source_workload: 'waypoint',
    });
    expect(sum(toWaypoint)).toBeGreaterThan(0);
    expect(
      new Set(fromWaypoint.map(s => s.labels.destination_workload)),
    ).toEqual(new Set(['hotels-v1', 'hotels-v2', 'flights']));
    // No direct ztunnel edge from the portal to a server: every call goes through the waypoint.
    expect(
      where(t.tcpSent, { source_workload: 'travels-portal' }).filter(
        s => s.labels.destination_workload !== 'waypoint',
      ),
    ).toEqual([]);
  });

  it.each([[[TRAVELS_SPLIT.v1, TRAVELS_SPLIT.v2]], [[50, 50]]])(
    'splits hotels by the HTTPRoute weights %j',
    async weights => {
      const model = modelWith(istio => {
        const route = findObject(istio, 'HTTPRoute', 'travels', 'hotels');
        route.spec!.rules[0].backendRefs.forEach(
          (b: any, i: number) => (b.weight = weights[i]),
        );
      });
      const t = await traffic(new DemoMesh({ model, epochSeconds: EPOCH }));
      const toHotels = where(t.requests, {
        reporter: 'waypoint',
        source_workload: 'travels-portal',
      }).filter(s => s.labels.destination_workload.startsWith('hotels-'));
      const total = sum(toHotels);
      expect(total).toBeGreaterThan(0);
      ['v1', 'v2'].forEach((v, i) => {
        const version = where(toHotels, {
          destination_workload: `hotels-${v}`,
        });
        expect(sum(version) / total).toBeCloseTo(weights[i] / 100, 3);
        // Istio names the backend Service the request went to.
        expect(
          new Set(version.map(s => s.labels.destination_service_name)),
        ).toEqual(new Set([`hotels-${v}`]));
      });
    },
  );
});
