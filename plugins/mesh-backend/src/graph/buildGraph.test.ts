/*
 * Golden-file tests of the whole pipeline on the demo mesh at a fixed time: the traffic is
 * deterministic, so any change in a pipeline step shows up as a reviewed diff of these files.
 */
import path from 'path';
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { DemoTelemetrySource } from '../sources/demo/DemoTelemetrySource';
import { expectGolden } from '../__testUtils__/golden';
import { buildGraph } from './buildGraph';
import { GRAPH_STEPS } from './buildGraph';

const EPOCH = 1_700_000_000;
const TIME = new Date((EPOCH + 5 * 3600) * 1000);
const mesh = new DemoMesh({ epochSeconds: EPOCH });
const services = mesh.objects.services.map(s => ({ ...s, cluster: 'demo' }));
const istioObjects = mesh.objects.istio.map(o => ({ ...o, cluster: 'demo' }));
const owners = new Map(
  mesh.workloads.map(w => [
    `${w.cluster}/${w.namespace}/${w.name}`,
    `component:default/${w.podLabels.app ?? w.podLabels.name ?? w.name}`,
  ]),
);

async function graphFor(
  graphType: MeshGraphType,
  focus?: { workloads: string[]; hops: number },
) {
  const { value: traffic } = await new DemoTelemetrySource(mesh).getTraffic({
    windowSeconds: 600,
    time: TIME,
  });
  return buildGraph({
    graphType,
    windowSeconds: 600,
    time: TIME,
    traffic,
    workloads: mesh.workloads,
    services,
    serviceEntries: istioObjects.filter(o => o.kind === 'ServiceEntry'),
    istioObjects,
    owners,
    clusterName: id => (id === 'demo' ? 'demo' : id),
    focus: focus && {
      workloads: new Set(focus.workloads.map(w => `demo/${w}`)),
      hops: focus.hops,
    },
    errors: [],
  });
}

const golden = (name: string) =>
  path.join(__dirname, '__golden__', `${name}.json`);

describe('buildGraph', () => {
  // The edge-only steps run before the focus cut (once per model snapshot, ./meshGraphBase).
  it('runs its named steps in order: mesh-wide edge steps, then the view', () => {
    expect(GRAPH_STEPS.map(([name]) => name)).toEqual([
      'addServiceEntries',
      'addSecurity',
      'addLatency',
      'focusNeighbourhood',
      'addIstioConfig',
      'addWorkloadInfo',
      'markL4Only',
      'addHealth',
      'linkEntities',
      'markRoots',
    ]);
  });

  it('bookinfo productpage, workload graph, 2 hops', async () => {
    const graph = await graphFor('workload', {
      workloads: ['bookinfo/productpage-v1'],
      hops: 2,
    });
    expect(graph.nodes.map(n => n.name)).toEqual(
      expect.arrayContaining([
        'productpage-v1',
        'details-v1',
        'reviews-v1',
        'reviews-v2',
        'reviews-v3',
        'ratings-v1',
      ]),
    );
    expectGolden(golden('bookinfo-productpage-workload'), graph);
  });

  it('sock-shop front-end (ambient), app graph, 1 hop', async () => {
    expectGolden(
      golden('sock-shop-front-end-app'),
      await graphFor('app', { workloads: ['sock-shop/front-end'], hops: 1 }),
    );
  });

  it('online-boutique checkoutservice, versioned app graph, 1 hop', async () => {
    expectGolden(
      golden('online-boutique-checkout-versionedApp'),
      await graphFor('versionedApp', {
        workloads: ['online-boutique/checkoutservice'],
        hops: 1,
      }),
    );
  });

  it('bookinfo reviews, service graph, 2 hops: workloads folded into the Services they serve', async () => {
    const graph = await graphFor('service', {
      workloads: [
        'bookinfo/reviews-v1',
        'bookinfo/reviews-v2',
        'bookinfo/reviews-v3',
      ],
      hops: 2,
    });
    expect(graph.nodes.map(n => n.id).sort()).toEqual([
      'svc:demo:bookinfo:productpage',
      'svc:demo:bookinfo:ratings',
      'svc:demo:bookinfo:reviews',
      'wl:demo:istio-system:istio-ingressgateway',
    ]);
    const reviewsToRatings = graph.edges.find(
      e => e.id === 'svc:demo:bookinfo:reviews->svc:demo:bookinfo:ratings:http',
    )!;
    // Both reviews versions that call ratings, and the injected 5% fault, on one edge.
    expect(
      reviewsToRatings.responses!['500'] / reviewsToRatings.rps,
    ).toBeCloseTo(0.05, 2);
    expectGolden(golden('bookinfo-reviews-service'), graph);
  });

  it('travels (ambient with a waypoint), workload graph: a waypoint node, requests counted once', async () => {
    const graph = await graphFor('workload', {
      workloads: ['travels/travels-portal'],
      hops: 2,
    });
    const id = (name: string) => `wl:demo:travels:${name}`;
    const waypoint = graph.nodes.find(n => n.id === id('waypoint'));
    expect(waypoint).toMatchObject({ isWaypoint: true, isAmbient: true });
    expect(waypoint?.isGateway).toBeUndefined();
    const edge = (from: string, to: string, protocol: string) =>
      graph.edges.find(
        e =>
          e.source === id(from) &&
          e.target === id(to) &&
          e.protocol === protocol,
      );
    // The waypoint's requests sit on the direct edges, split 90/10 by the HTTPRoute.
    const v1 = edge('travels-portal', 'hotels-v1', 'http')!;
    const v2 = edge('travels-portal', 'hotels-v2', 'http')!;
    expect(v1.rps / (v1.rps + v2.rps)).toBeCloseTo(0.9, 2);
    // ztunnel's legs through the waypoint: bytes only, and not L4-only (the waypoint carries L7).
    expect(edge('travels-portal', 'waypoint', 'tcp')).toMatchObject({ rps: 0 });
    expect(edge('waypoint', 'hotels-v1', 'tcp')).toMatchObject({ rps: 0 });
    expect(graph.edges.filter(e => e.l4Only).map(e => e.id)).toEqual([
      'wl:demo:istio-system:istio-ingressgateway->wl:demo:travels:travels-portal:tcp',
    ]);
    // No edge into the waypoint carries requests: nothing is counted twice.
    expect(
      graph.edges.filter(e => e.target === id('waypoint') && e.rps > 0),
    ).toEqual([]);
  });

  it('the whole demo mesh, workload graph', async () => {
    const graph = await graphFor('workload');
    expect(
      graph.edges.every(
        e =>
          graph.nodes.some(n => n.id === e.source) &&
          graph.nodes.some(n => n.id === e.target),
      ),
    ).toBe(true);
    // currencyservice's calls to www.ecb.europa.eu go through a ServiceEntry: one external node.
    expect(
      graph.nodes.find(
        n => n.id === 'se:demo:online-boutique:ecb-exchange-rates',
      ),
    ).toMatchObject({
      type: 'external',
      serviceEntry: { location: 'MESH_EXTERNAL', hosts: ['www.ecb.europa.eu'] },
    });
    expectGolden(golden('mesh-workload'), graph);
  });
});
