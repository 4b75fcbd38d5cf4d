/* The demo catalog's deliberate drift, found through the route (the demo mesh, the demo catalog). */
import { MeshDependenciesResponse } from '@mesh-portal/plugin-mesh-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { startMeshBackend } from '../__testUtils__/testBackend';

const url = (kind: string, name: string, query = '') =>
  `/api/mesh/entities/by-name/${kind}/default/${name}/dependencies${query}`;
const brief = (r: MeshDependenciesResponse) =>
  r.dependencies
    .map(
      d =>
        `${d.direction} ${d.entityRef.replace('component:default/', '')} ${
          d.drift
        }`,
    )
    .sort();

describe('GET /entities/by-name/:kind/:namespace/:name/dependencies', () => {
  it('finds productpage → ratings declared but silent', async () => {
    const res = await request(await startMeshBackend()).get(
      url('component', 'productpage', '?window=1h'),
    );
    expect(res.status).toBe(200);
    const body: MeshDependenciesResponse = res.body;
    expect(openApiErrors('Dependencies', body)).toEqual([]);
    expect(body.windowSeconds).toBe(3600);
    expect(brief(body)).toEqual([
      'outbound details declared',
      'outbound ratings silent',
      'outbound reviews declared',
    ]);
    expect(body.drift).toEqual({
      undeclared: 0,
      silent: 1,
      unknownPeers: 0,
      deprecated: 0,
    });
    const details = body.dependencies.find(
      d => d.entityRef === 'component:default/details',
    )!;
    expect(details).toMatchObject({
      declaredVia: ['dependsOn'],
      owner: 'group:default/bookinfo-team',
      lastSeen: expect.any(String),
    });
    expect(details.rps).toBeGreaterThan(10);
    const silent = body.graph.edges.find(e => e.drift === 'silent')!;
    expect(silent).toMatchObject({
      source: 'entity:component:default/productpage',
      target: 'entity:component:default/ratings',
      rps: 0,
    });
  });

  it('finds checkoutservice → emailservice used but undeclared, and sees it from the callee too', async () => {
    const server = await startMeshBackend();
    const checkout: MeshDependenciesResponse = (
      await request(server).get(url('component', 'checkoutservice'))
    ).body;
    expect(checkout.windowSeconds).toBe(7 * 86400); // the default window
    expect(
      checkout.dependencies
        .filter(d => d.drift !== 'declared')
        .map(d => `${d.entityRef} ${d.drift}`),
    ).toEqual(['component:default/emailservice undeclared']);
    const email: MeshDependenciesResponse = (
      await request(server).get(url('component', 'emailservice'))
    ).body;
    expect(brief(email)).toEqual(['inbound checkoutservice undeclared']);
  });

  it('rolls up a System and a Group, counting each drifting pair once', async () => {
    const server = await startMeshBackend();
    const boutique: MeshDependenciesResponse = (
      await request(server).get(url('system', 'online-boutique'))
    ).body;
    expect(boutique.drift).toMatchObject({ undeclared: 1, silent: 0 });
    // The out-of-mesh load generator's calls arrive without identity: not claimed as silent.
    expect(
      boutique.dependencies.some(
        d =>
          d.entityRef === 'component:default/loadgenerator' ||
          d.subject === 'component:default/loadgenerator',
      ),
    ).toBe(false);
    const everyone: MeshDependenciesResponse = (
      await request(server).get(url('group', 'shop-engineering'))
    ).body;
    expect(everyone.drift).toMatchObject({ undeclared: 1, silent: 1 });
  });

  it('counts drift across the catalog for the overview, with mesh.overview.read', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/dependencies',
    );
    expect(res.status).toBe(200);
    expect((res.body as MeshDependenciesResponse).drift).toMatchObject({
      undeclared: 1,
      silent: 1,
    });
    expect(res.body.entityRef).toBe('catalog');
    const denied = await request(
      await startMeshBackend({ permission: AuthorizeResult.DENY }),
    ).get('/api/mesh/dependencies');
    expect(denied.status).toBe(403);
  });

  it('reports no drift below the floor', async () => {
    const server = await startMeshBackend({
      config: { mesh: { dependencies: { floorRps: 1000 } } },
    });
    const body: MeshDependenciesResponse = (
      await request(server).get(url('component', 'checkoutservice'))
    ).body;
    expect(body.drift.undeclared).toBe(0);
    expect(body.floorRps).toBe(1000);
  });
});
