/*
 * The demo's permission policy with the REAL catalog and permission backends and the mesh plugin on
 * its embedded demo mesh (see __testUtils__/demoPolicyBackend for the test doubles).
 */
import {
  DemoServer,
  getAs,
  GUEST,
  PAYMENTS_DEV,
  startDemoPolicyBackend,
} from './__testUtils__/demoPolicyBackend';

// Each mesh request makes real catalog and permission round trips (one batched mesh.entity.read
// decision over the catalog's mapped entities); on a loaded 2-core machine that exceeds Jest's
// default 5 s. Speed is measured by `npm run bench:load`, not here.
jest.setTimeout(30_000);

let server: DemoServer;
const get = (user: string, url: string) => getAs(server, user, url);
const meshGraph = (name: string) =>
  `/api/mesh/entities/by-name/component/default/${name}/graph`;

beforeAll(async () => {
  server = await startDemoPolicyBackend();
}, 90_000);

describe('the demo permission policy', () => {
  it('keeps Bookinfo open to the guest (the E2E path)', async () => {
    const res = await get(GUEST, meshGraph('productpage'));
    expect(res.status).toBe(200);
    expect(res.body.nodes.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['productpage-v1', 'ratings-v1']),
    );
    expect(
      res.body.nodes.some((n: { restricted?: boolean }) => n.restricted),
    ).toBe(false);
  });

  it('hides paymentservice from the guest: 404 everywhere, a restricted node in its callers’ graphs', async () => {
    expect(
      (
        await get(
          GUEST,
          '/api/catalog/entities/by-name/component/default/paymentservice',
        )
      ).status,
    ).toBe(404);
    const own = await get(GUEST, meshGraph('paymentservice'));
    expect(own.status).toBe(404);
    expect(own.body.error.message).toBe(
      'Entity component:default/paymentservice not found',
    );
    const caller = await get(GUEST, meshGraph('checkoutservice'));
    expect(caller.status).toBe(200);
    expect(JSON.stringify(caller.body)).not.toMatch(/paymentservice/);
    const restricted = caller.body.nodes.filter(
      (n: { restricted?: boolean }) => n.restricted,
    );
    expect(restricted.length).toBeGreaterThan(0);
    expect(
      caller.body.edges.some(
        (e: { target: string; rps: number }) =>
          e.target === restricted[0].id && e.rps > 0,
      ),
    ).toBe(true);
  });

  it("denies the guest loadgenerator's mesh data (403) while its catalog page stays readable", async () => {
    expect(
      (
        await get(
          GUEST,
          '/api/catalog/entities/by-name/component/default/loadgenerator',
        )
      ).status,
    ).toBe(200);
    const res = await get(GUEST, meshGraph('loadgenerator'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed to read mesh data of component:default/loadgenerator',
    });
  });

  it('lets the owners read both', async () => {
    expect((await get(PAYMENTS_DEV, meshGraph('paymentservice'))).status).toBe(
      200,
    );
    expect((await get(PAYMENTS_DEV, meshGraph('loadgenerator'))).status).toBe(
      200,
    );
    const caller = await get(PAYMENTS_DEV, meshGraph('checkoutservice'));
    expect(
      caller.body.nodes.find(
        (n: { name: string }) => n.name === 'paymentservice',
      ),
    ).toMatchObject({ entityRef: 'component:default/paymentservice' });
  });
});
