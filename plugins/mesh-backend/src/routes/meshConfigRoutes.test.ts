/*
 * GET /config on the demo (demo mesh, demo catalog, the real test backend): every Istio object
 * with its validations, the entities it affects and their owners; the deliberately invalid
 * VirtualService no entity owns; filters; permissions.
 */
import { MeshConfigResponse } from '@mesh-portal/plugin-mesh-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { openApiErrors } from '../__testUtils__/openapi';
import { asUser, startPolicyBackend } from '../__testUtils__/policyBackend';
import { startMeshBackend } from '../__testUtils__/testBackend';

const get = async (server: any, query = '') =>
  request(server).get(`/api/mesh/config${query}`);

describe('GET /config', () => {
  it('lists every Istio object with its validations, affected entities and owners, and the unowned invalid one', async () => {
    const server = await startMeshBackend();
    const res = await get(server);
    expect(res.status).toBe(200);
    const body: MeshConfigResponse = res.body;
    expect(openApiErrors('MeshConfig', body)).toEqual([]);
    const legacy = body.objects.find(o => o.ref.name === 'legacy-promo')!;
    expect(legacy).toMatchObject({
      apiVersion: 'networking.istio.io/v1',
      ref: { kind: 'VirtualService', namespace: 'istio-system' },
      valid: false,
      entities: [],
      restrictedEntities: 0,
      owners: ['unowned'],
    });
    expect(legacy.checks.map(c => `${c.code} ${c.path}`)).toContain(
      'KIA1102 spec/gateways[0]',
    );
    const reviews = body.objects.find(
      o => o.ref.kind === 'VirtualService' && o.ref.name === 'reviews',
    )!;
    expect(reviews.entities).toContainEqual({
      entityRef: 'component:default/reviews',
      owner: 'group:default/bookinfo-team',
    });
    expect(reviews.owners).toEqual(['group:default/bookinfo-team']);
    expect(body.facets.kinds).toEqual(
      expect.arrayContaining(['VirtualService', 'PeerAuthentication']),
    );
    expect(body.facets.owners).toContain('unowned');
    expect(body.summary.objects).toBe(body.objects.length);
  });

  it('filters by namespace, kind, severity and owner', async () => {
    const server = await startMeshBackend();
    const unowned: MeshConfigResponse = (
      await get(server, '?owner=unowned&severity=error')
    ).body;
    expect(unowned.objects.map(o => o.ref.name)).toEqual(['legacy-promo']);
    expect(unowned.filters).toEqual({ owner: 'unowned', severity: 'error' });
    const bookinfo: MeshConfigResponse = (
      await get(server, '?namespace=bookinfo&kind=virtualservice')
    ).body;
    expect(bookinfo.objects.length).toBeGreaterThan(0);
    expect(
      bookinfo.objects.every(
        o => o.ref.namespace === 'bookinfo' && o.ref.kind === 'VirtualService',
      ),
    ).toBe(true);
    const team: MeshConfigResponse = (
      await get(server, '?owner=group:default/boutique-team')
    ).body;
    expect(
      team.objects.every(o => o.owners.includes('group:default/boutique-team')),
    ).toBe(true);
    expect(team.objects.length).toBeGreaterThan(0);
  });

  it('rejects bad filters with a 400 and needs mesh.overview.read', async () => {
    const server = await startMeshBackend();
    for (const query of [
      '?severity=fatal',
      '?namespace=Bad_NS',
      '?owner=team-a',
      '?kind=a%20b',
      '?other=1',
      '?namespace=a&namespace=b',
    ]) {
      const res = await get(server, query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
    const denied = await startMeshBackend({
      permission: AuthorizeResult.DENY,
    });
    expect((await get(denied)).status).toBe(403);
  });

  it('names only entities the caller may read with mesh.entity.read, and counts the others', async () => {
    // ratings is hidden in the catalog; details is readable but mesh.entity.read is denied.
    const server = await startPolicyBackend({
      entities: demoCatalogEntities(),
      rules: {
        readable: (_user, e) =>
          stringifyEntityRef(e) !== 'component:default/ratings',
        meshAllowed: (_user, _permission, ref) =>
          ref !== 'component:default/details',
      },
    });
    const res = await request(server)
      .get('/api/mesh/config?namespace=bookinfo')
      .set('Authorization', asUser('user:default/guest'));
    expect(res.status).toBe(200);
    const body: MeshConfigResponse = res.body;
    const named = body.objects.flatMap(o => o.entities.map(e => e.entityRef));
    expect(named).toContain('component:default/reviews');
    expect(named).not.toContain('component:default/ratings');
    expect(named).not.toContain('component:default/details');
    expect(JSON.stringify(body)).not.toMatch(
      /component:default\/(ratings|details)/,
    );
    // The namespace-wide PeerAuthentication affects all four Bookinfo services: two are withheld.
    const pa = body.objects.find(o => o.ref.kind === 'PeerAuthentication')!;
    expect(pa.restrictedEntities).toBe(2);
    expect(pa.entities.map(e => e.entityRef).sort()).toEqual([
      'component:default/productpage',
      'component:default/reviews',
    ]);
  });
});
