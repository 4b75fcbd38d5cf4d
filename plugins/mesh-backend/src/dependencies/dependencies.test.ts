/* Declared vs observed on hand-built catalogs and graphs: the mapping edge cases of issue 8. */
import { Entity } from '@backstage/catalog-model';
import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { DEFAULT_NAME_MAPPING } from '../mapping/nameMapping';
import { buildOwnerIndex } from '../mapping/ownerIndex';
import { Workload } from '../kube/workloads';
import { compareDependencies } from './compareDependencies';
import { CatalogDependencies } from './declaredDependencies';
import { observedFor } from './observedDependencies';

const component = (
  name: string,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { owner: 'team', ...spec },
});
const api = (name: string, lifecycle = 'production'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: { lifecycle, owner: 'team' },
});
const node = (id: string, entityRef?: string): MeshNode => ({
  id,
  type: 'workload',
  cluster: 'c',
  namespace: 'ns',
  name: id.split(':').pop()!,
  ...(entityRef ? { entityRef } : {}),
  health: { status: 'healthy', reasons: [] },
});
const edge = (source: string, target: string, rps: number) => ({
  id: `${source}->${target}:http`,
  source,
  target,
  protocol: 'http' as const,
  rps,
  errorRate: 0,
});
const graph = (
  nodes: MeshNode[],
  edges: ReturnType<typeof edge>[],
): MeshGraph => ({
  graphType: 'workload',
  windowSeconds: 604800,
  timestamp: '2026-01-01T00:00:00.000Z',
  nodes,
  edges,
  errors: [],
});

function drift(
  subject: string,
  catalogEntities: Entity[],
  g: MeshGraph,
  floorRps = 0.001,
) {
  const catalog = new CatalogDependencies(catalogEntities);
  const observed = observedFor(subject, g);
  return compareDependencies({
    subject,
    declared: catalog.declaredFor(subject),
    observed,
    recent: observed,
    recentTime: g.timestamp,
    catalog,
    observable: new Set(
      catalogEntities.map(
        e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
      ),
    ),
    floorRps,
  });
}

describe('dependency drift', () => {
  it('counts an API consumer → provider call as declared, through the API, and flags a deprecated API in use', () => {
    const entities = [
      component('web', { consumesApis: ['api:default/cart-api'] }),
      component('cart', { providesApis: ['cart-api'] }),
      api('cart-api', 'deprecated'),
    ];
    const g = graph(
      [
        node('wl:c:ns:web', 'component:default/web'),
        node('wl:c:ns:cart', 'component:default/cart'),
      ],
      [edge('wl:c:ns:web', 'wl:c:ns:cart', 5)],
    );
    const { dependencies } = drift('component:default/web', entities, g);
    expect(dependencies).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/cart',
        direction: 'outbound',
        drift: 'declared',
        declaredVia: ['consumesApi'],
        apis: ['api:default/cart-api'],
        deprecated: true,
      }),
    ]);
    // Seen from the provider: an inbound dependency declared through the API it provides.
    expect(
      drift('component:default/cart', entities, g).dependencies[0],
    ).toMatchObject({
      entityRef: 'component:default/web',
      direction: 'inbound',
      drift: 'declared',
      declaredVia: ['providesApi'],
    });
  });

  it('sums several workloads of one entity into one dependency', () => {
    const entities = [component('reviews'), component('ratings')];
    const g = graph(
      [
        node('wl:c:ns:reviews-v1', 'component:default/reviews'),
        node('wl:c:ns:reviews-v2', 'component:default/reviews'),
        node('wl:c:ns:ratings-v1', 'component:default/ratings'),
      ],
      [
        edge('wl:c:ns:reviews-v1', 'wl:c:ns:ratings-v1', 2),
        edge('wl:c:ns:reviews-v2', 'wl:c:ns:ratings-v1', 3),
        edge('wl:c:ns:reviews-v1', 'wl:c:ns:reviews-v2', 9),
      ],
    );
    const { dependencies } = drift('component:default/reviews', entities, g);
    expect(dependencies).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/ratings',
        drift: 'undeclared',
        rps: 5,
      }),
    ]);
  });

  it('gives a workload two entities claim to the first by ref, so the other sees nothing of it', () => {
    const w: Workload = {
      cluster: 'c',
      namespace: 'ns',
      kind: 'Deployment',
      name: 'shared',
      labels: { app: 'shared' },
      podLabels: { app: 'shared' },
      desired: 1,
      current: 1,
      available: 1,
      dataplane: 'sidecar',
      pods: [],
    };
    const selector = { 'backstage.io/kubernetes-label-selector': 'app=shared' };
    const owners = buildOwnerIndex(
      [component('zeta', {}, selector), component('alpha', {}, selector)],
      [w],
      DEFAULT_NAME_MAPPING,
    );
    expect(owners.get('c/ns/shared')).toBe('component:default/alpha');
  });

  it('ignores traffic below the floor: neither undeclared nor enough to make a declared dependency observed', () => {
    const entities = [
      component('a', { dependsOn: ['component:default/b'] }),
      component('b'),
      component('c'),
    ];
    const g = graph(
      [
        node('wl:c:ns:a', 'component:default/a'),
        node('wl:c:ns:b', 'component:default/b'),
        node('wl:c:ns:c', 'component:default/c'),
      ],
      [
        edge('wl:c:ns:a', 'wl:c:ns:b', 0.0005),
        edge('wl:c:ns:a', 'wl:c:ns:c', 0.0005),
      ],
    );
    expect(
      drift('component:default/a', entities, g).dependencies.map(
        d => `${d.entityRef} ${d.drift}`,
      ),
    ).toEqual(['component:default/b silent']);
    expect(
      drift('component:default/a', entities, g, 0.0001).dependencies.map(
        d => `${d.entityRef} ${d.drift}`,
      ),
    ).toEqual([
      'component:default/b declared',
      'component:default/c undeclared',
    ]);
  });

  it('lists workloads no entity owns as unknown peers, but not gateways or clients without identity', () => {
    const entities = [component('a')];
    const gateway = {
      ...node('wl:c:istio-system:istio-ingressgateway'),
      isGateway: true,
    };
    const g = graph(
      [
        node('wl:c:ns:a', 'component:default/a'),
        node('wl:c:ns:legacy-batch'),
        gateway,
        { ...node('unknown:c'), type: 'unknown' },
      ],
      [
        edge('wl:c:ns:legacy-batch', 'wl:c:ns:a', 1),
        edge(gateway.id, 'wl:c:ns:a', 9),
        edge('unknown:c', 'wl:c:ns:a', 4),
      ],
    );
    expect(drift('component:default/a', entities, g).unknownPeers).toEqual([
      expect.objectContaining({
        nodeId: 'wl:c:ns:legacy-batch',
        name: 'legacy-batch',
        direction: 'inbound',
        rps: 1,
      }),
    ]);
  });
});
