/*
 * GET …/config through a real test backend on the embedded demo mesh and the demo catalog, responses
 * checked against the OpenAPI document. Errors shared with the security routes are tested there.
 */
import { MeshEntityConfigResponse } from '@mesh-portal/plugin-mesh-common';
import request from 'supertest';
import { openApiErrors } from '../__testUtils__/openapi';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

describe('GET …/config', () => {
  it("lists the objects affecting reviews — its Service, workloads, DestinationRule, VirtualService, the namespace's PeerAuthentication — all valid", async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('reviews', 'config'),
    );
    expect(res.status).toBe(200);
    const body: MeshEntityConfigResponse = res.body;
    expect(openApiErrors('EntityConfig', body)).toEqual([]);
    const objects = body.objects.map(
      o => `${o.ref.kind}/${o.ref.name}:${o.relations.join('+')}`,
    );
    expect(objects.sort()).toEqual(
      [
        'Deployment/reviews-v1:workload',
        'Deployment/reviews-v2:workload',
        'Deployment/reviews-v3:workload',
        'Service/reviews:service',
        'DestinationRule/reviews:host',
        'VirtualService/reviews:host+route',
        'PeerAuthentication/default:namespace',
      ].sort(),
    );
    expect(body.summary).toEqual({
      objects: 7,
      invalidObjects: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
    });
    expect(body.ignoredCodes).toEqual(['KIA1301']);
    expect(
      body.objects.find(o => o.ref.kind === 'DestinationRule')!.spec,
    ).toMatchObject({ host: 'reviews' });
  });

  it('reports KIA1301 on every workload when configured to ignore nothing', async () => {
    const server = await startMeshBackend({
      config: { mesh: { validations: { ignore: [] } } },
    });
    const body: MeshEntityConfigResponse = (
      await request(server).get(entityUrl('reviews', 'config'))
    ).body;
    expect(body.ignoredCodes).toEqual([]);
    const workloads = body.objects.filter(o =>
      o.relations.includes('workload'),
    );
    expect(
      workloads.map(w =>
        w.checks.map(c => `${c.code} ${c.path} ${c.severity}`),
      ),
    ).toEqual(workloads.map(() => ['KIA1301 workload warning']));
    expect(body.summary).toMatchObject({
      warnings: 3,
      errors: 0,
      invalidObjects: 0,
    });
  });

  it('answers 400 to any query parameter', async () => {
    const res = await request(await startMeshBackend()).get(
      entityUrl('reviews', 'config', '?window=5m'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/Unrecognized key/),
    });
  });
});
