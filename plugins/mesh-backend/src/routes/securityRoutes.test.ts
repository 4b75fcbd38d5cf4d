/*
 * The security and posture routes (and the errors of the config route) through a real test backend on the embedded demo mesh and
 * the demo catalog (see __testUtils__/testBackend), responses checked against the OpenAPI document.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MeshEntitySecurityResponse,
  MeshPostureResponse,
} from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

const byName = (kind: string, name: string, route: string, query = '') =>
  `/api/mesh/entities/by-name/${kind}/default/${name}/${route}${query}`;

describe('GET …/security', () => {
  it("shows Bookinfo's STRICT namespace, Kiali's verdicts and all of productpage's traffic over mTLS", async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('productpage', 'security', '?window=10m'),
    );
    expect(res.status).toBe(200);
    const body: MeshEntitySecurityResponse = res.body;
    expect(openApiErrors('EntitySecurity', body)).toEqual([]);
    expect(body.clusters).toEqual([
      expect.objectContaining({
        cluster: 'demo',
        status: 'MTLS_NOT_ENABLED',
        effectiveMode: 'PERMISSIVE',
        autoMtls: true,
      }),
    ]);
    expect(body.namespaces).toEqual([
      expect.objectContaining({
        namespace: 'bookinfo',
        status: 'MTLS_ENABLED',
        peerAuthenticationMode: 'STRICT',
        effectiveMode: 'STRICT',
      }),
    ]);
    expect(body.workloads).toEqual([
      expect.objectContaining({
        name: 'productpage-v1',
        dataplane: 'sidecar',
        inbound: 'strict',
        status: 'MTLS_ENABLED',
        kialiStatus: 'MTLS_ENABLED',
        destinationRules: [
          expect.objectContaining({
            host: 'productpage',
            mode: 'ISTIO_MUTUAL',
          }),
        ],
      }),
    ]);
    expect(body.traffic.inbound.requestMtlsShare).toBe(1);
    expect(body.traffic.outbound.requestMtlsShare).toBe(1);
    expect(body.traffic.inbound.requestsPerSecond).toBeGreaterThan(10);
    expect(body.traffic.plaintextEdges).toEqual([]);
    expect(body.errors).toEqual([]);
  });

  it("calls out the load generator's plain-text edge into the PERMISSIVE frontend", async () => {
    const body: MeshEntitySecurityResponse = (
      await request(await startMeshBackend()).get(
        entityUrl('frontend', 'security'),
      )
    ).body;
    expect(body.namespaces[0]).toMatchObject({
      namespace: 'online-boutique',
      status: 'MTLS_PARTIALLY_ENABLED',
      effectiveMode: 'PERMISSIVE',
    });
    // Kiali's status: PERMISSIVE reads "Permissive" (partially enabled), never enforced, beside
    // the third of inbound requests that arrive over mTLS.
    expect(body.workloads[0]).toMatchObject({
      inbound: 'permissive',
      status: 'MTLS_PARTIALLY_ENABLED',
    });
    expect(body.traffic.inbound.requestMtlsShare).toBeCloseTo(1 / 3, 2);
    expect(body.traffic.plaintextEdges).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        protocol: 'http',
        mtls: 0,
        evidence: 'telemetry',
        destination: expect.objectContaining({
          name: 'frontend',
          entityRef: 'component:default/frontend',
        }),
      }),
    ]);
    expect(openApiErrors('EntitySecurity', body)).toEqual([]);
  });

  it("reads ambient Sock Shop's mTLS from ztunnel's TCP reports", async () => {
    const body: MeshEntitySecurityResponse = (
      await request(await startMeshBackend()).get(
        entityUrl('carts', 'security'),
      )
    ).body;
    expect(body.workloads[0]).toMatchObject({
      dataplane: 'ambient',
      inbound: 'permissive',
    });
    expect(body.namespaces[0]).toMatchObject({
      namespace: 'sock-shop',
      status: 'UNSET',
    });
    expect(body.traffic.inbound.requestsPerSecond).toBe(0);
    expect(body.traffic.outbound.bytesMtlsShare).toBe(1);
  });
});

describe('posture', () => {
  it('scores a Group over the components of its sub-groups', async () => {
    const res = await request(await startMeshBackend()).get(
      byName('group', 'shop-engineering', 'posture'),
    );
    expect(res.status).toBe(200);
    const body: MeshPostureResponse = res.body;
    expect(openApiErrors('PostureResponse', body)).toEqual([]);
    expect(body).toMatchObject({
      scope: 'group',
      entityRef: 'group:default/shop-engineering',
    });
    expect(body.entities).toEqual(
      expect.arrayContaining([
        'component:default/productpage',
        'component:default/carts',
        'component:default/frontend',
      ]),
    );
    const { workloads, namespaces, validations } = body.posture;
    expect(workloads).toMatchObject({ outOfMesh: 1, gateway: 0 });
    expect(workloads.sidecar + workloads.ambient + workloads.outOfMesh).toBe(
      workloads.total,
    );
    // Bookinfo STRICT; Online Boutique, Sock Shop and Travels on the PERMISSIVE mesh default.
    expect(namespaces).toMatchObject({ strict: 1, permissive: 3, disabled: 0 });
    expect(body.posture.workloadsWithoutAuthorizationPolicy).toHaveLength(
      workloads.total,
    );
    expect(validations.errors).toBe(0);
    expect(body.posture.traffic.requestMtlsShare).toBeGreaterThan(0.8);
    expect(body.posture.traffic.requestMtlsShare).toBeLessThan(1);
  });

  it("scores a team's Group and a System on their own components only", async () => {
    const server = await startMeshBackend();
    const team: MeshPostureResponse = (
      await request(server).get(byName('group', 'bookinfo-team', 'posture'))
    ).body;
    const system: MeshPostureResponse = (
      await request(server).get(byName('system', 'bookinfo', 'posture'))
    ).body;
    for (const body of [team, system]) {
      expect(body.entities).toEqual(
        ['details', 'productpage', 'ratings', 'reviews'].map(
          n => `component:default/${n}`,
        ),
      );
      expect(body.posture.namespaces).toMatchObject({
        strict: 1,
        permissive: 0,
      });
      expect(body.posture.traffic.requestMtlsShare).toBe(1);
    }
    expect(system.scope).toBe('system');
  });

  it('scores a single component like its security view counts it', async () => {
    const server = await startMeshBackend();
    const posture: MeshPostureResponse = (
      await request(server).get(entityUrl('frontend', 'posture'))
    ).body;
    expect(posture).toMatchObject({
      scope: 'entity',
      entities: ['component:default/frontend'],
    });
    expect(posture.posture.workloads).toMatchObject({
      total: 1,
      sidecar: 1,
      inMeshShare: 1,
    });
    expect(posture.posture.traffic.requestMtlsShare).toBeGreaterThan(0.5);
    expect(posture.posture.traffic.requestMtlsShare).toBeLessThan(1);
  });

  it('scores the catalog behind mesh.overview.read', async () => {
    const res = await request(await startMeshBackend()).get(
      '/api/mesh/posture?window=5m',
    );
    expect(res.status).toBe(200);
    const body: MeshPostureResponse = res.body;
    expect(openApiErrors('PostureResponse', body)).toEqual([]);
    expect(body.scope).toBe('catalog');
    expect(body.windowSeconds).toBe(300);
    expect(body.entities.length).toBeGreaterThan(25);
    expect(body.posture.namespaces.list.map(n => n.namespace)).toEqual([
      'bookinfo',
      'online-boutique',
      'sock-shop',
      'travels',
    ]);
  });
});

describe('errors', () => {
  it.each([
    [
      entityUrl('productpage', 'security', '?window=abc'),
      /Invalid window 'abc'/,
    ],
    [
      entityUrl('productpage', 'security', '?window=1m&window=5m'),
      /window must be given once/,
    ],
    [entityUrl('productpage', 'posture', '?hops=2'), /Unrecognized key/],
    ['/api/mesh/posture?window=1s', /out of range/],
    [
      '/api/mesh/entities/by-name/component/default/%22%7D/config',
      /Invalid entity reference/,
    ],
  ])('answers 400 for %s', async (url, message) => {
    const res = await request(await startMeshBackend()).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });

  it('answers 404 for unknown and unmapped components, not for an unmapped Group', async () => {
    const server = await startMeshBackend();
    expect(
      (await request(server).get(entityUrl('does-not-exist', 'security')))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get(byName('api', 'no-annotations', 'config')))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get(byName('api', 'no-annotations', 'posture')))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get(byName('group', 'no-such-team', 'posture')))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get(byName('group', 'sock-shop-team', 'posture')))
        .status,
    ).toBe(200);
  });

  it('answers 401 without credentials', async () => {
    const server = await startMeshBackend();
    for (const url of [
      entityUrl('reviews', 'security'),
      entityUrl('reviews', 'config'),
      '/api/mesh/posture',
    ]) {
      expect(
        (
          await request(server)
            .get(url)
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    }
  });

  it('answers 403 when the permission policy denies', async () => {
    const server = await startMeshBackend({ permission: AuthorizeResult.DENY });
    for (const url of [
      entityUrl('reviews', 'security'),
      entityUrl('reviews', 'config'),
      byName('group', 'bookinfo-team', 'posture'),
    ]) {
      const res = await request(server).get(url);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /Not allowed to read mesh data of/,
      );
    }
    const overview = await request(server).get('/api/mesh/posture');
    expect(overview.status).toBe(403);
    expect(overview.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to read the mesh overview',
    });
  });
});
