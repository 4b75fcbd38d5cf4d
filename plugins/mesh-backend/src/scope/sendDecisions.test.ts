/*
 * Decisions in batches the permission service accepts (issue 15): a batch refused as too large
 * (413) is split in halves down to one decision, the accepted size is kept for later batches, a
 * decision joined to a refused batch gets its real answer, and any other failure fails closed as
 * a 503, never as the permission service's own status. Test double: a PermissionsService that
 * refuses batches over a size with the ResponseError Backstage's PermissionClient throws for an
 * HTTP 413 (built from a real Response by @backstage/errors); the real permission backend and
 * apply-conditions round trip are in packages/backend/src/meshLargeCatalog.test.ts.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import { CallerCachedPermissions } from '../callerCache/CallerCachedPermissions';
import { CallerMemo } from '../callerCache/CallerMemo';
import { requireEntityPermission } from '../service/requirePermission';
import { DecisionBatchLimit, sendDecisions } from './sendDecisions';

const ALICE = mockCredentials.user('user:default/alice');
const PAYMENT = 'component:default/paymentservice';
/** The permission views ask for (a route's own decision joins their batches). */
const read = meshEntityReadPermission;
const refs = (n: number) =>
  Array.from({ length: n }, (_, i) => `component:default/service-${i}`);
const requests = (resourceRefs: string[]) =>
  resourceRefs.map(resourceRef => ({ permission: read, resourceRef }));
/** Everything is allowed but paymentservice. */
const expected = (resourceRefs: string[]) =>
  resourceRefs.map(ref =>
    ref === PAYMENT ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  );

/** The error Backstage's permission client throws when the service answers `status`. */
const upstreamError = (status: number, statusText: string) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'PayloadTooLargeError', message: statusText },
        request: { method: 'POST', url: '/authorize' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );

/** A permission service that refuses batches of more than `maxItems` with 413 (or `fail`s). */
function refusingPermissions(maxItems: number, fail?: () => Promise<Error>) {
  const sent: number[] = [];
  const permissions = {
    authorize: async (batch: AuthorizePermissionRequest[]) => {
      sent.push(batch.length);
      if (fail) throw await fail();
      if (batch.length > maxItems)
        throw await upstreamError(413, 'Payload Too Large');
      return expected(
        batch.map(r => ('resourceRef' in r ? r.resourceRef ?? '' : '')),
      ).map(result => ({ result }));
    },
    authorizeConditional: async () => [],
  };
  return { sent, permissions };
}

const send = (
  permissions: ReturnType<typeof refusingPermissions>['permissions'],
  resourceRefs: string[],
  limit: DecisionBatchLimit,
) =>
  sendDecisions(
    permissions,
    requests(resourceRefs),
    { credentials: ALICE },
    limit,
  ).then(decisions => decisions.map(d => d.result));

describe('sendDecisions', () => {
  it('splits a refused batch in halves until the service takes it, answering in order', async () => {
    const { sent, permissions } = refusingPermissions(3);
    const limit = new DecisionBatchLimit();
    const asked = [...refs(9), PAYMENT];
    expect(await send(permissions, asked, limit)).toEqual(expected(asked));
    expect(sent).toEqual([10, 5, 5, 3, 2, 3, 2]);
    expect(limit.current).toBe(3);
    // Later batches start at the size that was accepted: nothing is refused first.
    sent.length = 0;
    expect(await send(permissions, refs(10), limit)).toEqual(
      expected(refs(10)),
    );
    expect(sent).toEqual([3, 3, 3, 1]);
  });

  it('sends as given while nothing was refused', async () => {
    const { sent, permissions } = refusingPermissions(100);
    const limit = new DecisionBatchLimit();
    await send(permissions, refs(100), limit);
    expect(sent).toEqual([100]);
    expect(limit.current).toBe(Infinity);
  });

  it('a decision refused even alone fails for real, with the 413', async () => {
    const { sent, permissions } = refusingPermissions(0);
    const error = await send(permissions, refs(2), new DecisionBatchLimit())
      .then(() => undefined)
      .catch(e => e);
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 413 });
    expect(sent).toEqual([2, 1, 1]);
  });

  it('does not split on other failures: the batch fails (fail closed)', async () => {
    const { sent, permissions } = refusingPermissions(3, () =>
      upstreamError(500, 'Internal Server Error'),
    );
    const limit = new DecisionBatchLimit();
    await expect(send(permissions, refs(10), limit)).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(sent).toEqual([10]);
    expect(limit.current).toBe(Infinity);
  });

  it('refuses an answer with fewer decisions than asked (answers match by position)', async () => {
    const permissions = {
      authorize: async () => [
        { result: AuthorizeResult.ALLOW } as AuthorizePermissionResponse,
      ],
      authorizeConditional: async () => [],
    };
    await expect(
      send(permissions, refs(2), new DecisionBatchLimit()),
    ).rejects.toThrow('The permission service answered 1 decisions for 2');
  });
});

describe('CallerCachedPermissions with a batch refused as too large', () => {
  const ask = (p: CallerCachedPermissions, resourceRefs: string[]) =>
    p
      .authorize(requests(resourceRefs), { credentials: ALICE })
      .then(decisions => decisions.map(d => d.result));

  it('a single decision joined to the refused batch gets its real answer', async () => {
    const { sent, permissions } = refusingPermissions(3);
    const cached = new CallerCachedPermissions(permissions, new CallerMemo(0));
    const asked = [...refs(7), PAYMENT];
    // The route's own decision for its entity, asked while the view's batch is in flight.
    const [batch, single] = await Promise.all([
      ask(cached, asked),
      ask(cached, [PAYMENT]),
    ]);
    expect(single).toEqual([AuthorizeResult.DENY]);
    expect(batch).toEqual(expected(asked));
    // The single decision joined: it was never sent on its own.
    expect(sent).toEqual([8, 4, 4, 2, 2, 2, 2]);
  });

  it("a route's decision that cannot be had is a 503, never the permission service's status", async () => {
    for (const [permissions, status] of [
      [refusingPermissions(0).permissions, 413],
      [
        refusingPermissions(3, () =>
          upstreamError(500, 'Internal Server Error'),
        ).permissions,
        500,
      ],
    ] as const) {
      const cached = new CallerCachedPermissions(
        permissions,
        new CallerMemo(0),
      );
      const batch = ask(cached, [...refs(3), PAYMENT]).catch(e => e);
      const payment = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'paymentservice', namespace: 'default' },
      };
      const error = await requireEntityPermission(cached, payment, ALICE).catch(
        e => e,
      );
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: `The permission service answered ${status}`,
      });
      expect(await batch).toMatchObject({ statusCode: status });
    }
  });
});
