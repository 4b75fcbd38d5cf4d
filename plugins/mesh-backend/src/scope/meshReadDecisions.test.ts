/*
 * ./meshReadDecisions: when the caller's one conditional decision is applied here and when each
 * entity is decided by the permission service instead. The permission service is a TEST DOUBLE
 * that records what it is asked (the decision logic is under test here); packages/backend's
 * meshReadConditions test runs the real permission backend and checks the rules against the
 * catalog's own.
 */
import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { CallerCachedPermissions } from '../callerCache/CallerCachedPermissions';
import { CallerMemo } from '../callerCache/CallerMemo';
import { MAPPED_FIELDS } from './catalogScope';
import { meshReadDecisions } from './meshReadDecisions';

const ALICE = mockCredentials.user('user:default/alice');

const entity = (
  name: string,
  more: { labels?: Record<string, string>; spec?: object } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', labels: more.labels ?? {} },
  spec: { owner: 'group:default/team', ...more.spec },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
});
const ENTITIES = [
  entity('a', { labels: { secret: 'yes' } }),
  entity('b', { spec: { tier: 'Gold' } }),
  entity('c'),
];

const leaf = (rule: string, params: unknown) => ({
  rule,
  resourceType: 'catalog-entity',
  params,
});
const conditional = (conditions: unknown, pluginId = 'catalog') =>
  ({
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType: 'catalog-entity',
    conditions,
  } as PolicyDecision);

/** Answers the conditional query with `decision` (or fails) and each entity by `perEntity`. */
function permissionsDouble(
  decision: PolicyDecision | Error,
  perEntity: (ref: string) => boolean = () => true,
) {
  const asked: string[][] = [];
  const queries: number[] = [];
  const permissions: PermissionsService = {
    authorize: async requests => {
      asked.push(
        requests.map(r => ('resourceRef' in r && r.resourceRef) || ''),
      );
      return requests.map(r => ({
        result: perEntity(('resourceRef' in r && r.resourceRef) || '')
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      }));
    },
    authorizeConditional: async requests => {
      queries.push(requests.length);
      if (decision instanceof Error) throw decision;
      return requests.map(() => decision as any);
    },
  };
  return { permissions, asked, queries };
}

const decide = (
  permissions: PermissionsService,
  fields: string[] | undefined = MAPPED_FIELDS,
  entities = ENTITIES,
) => meshReadDecisions(permissions, entities, ALICE, fields);

const notSecret = { not: leaf('HAS_LABEL', { label: 'secret' }) };

describe('meshReadDecisions', () => {
  it.each([
    [AuthorizeResult.ALLOW, [true, true, true]],
    [AuthorizeResult.DENY, [false, false, false]],
  ])(
    '%s: one answer for every entity, no per-entity decision',
    async (result, expected) => {
      const { permissions, asked, queries } = permissionsDouble({
        result,
      } as PolicyDecision);
      expect(await decide(permissions)).toEqual(expected);
      // One query: catalog.entity.read and mesh.entity.read (../callerDecisions).
      expect(queries).toEqual([2]);
      expect(asked).toEqual([]);
    },
  );

  it("applies the catalog's built-in rules here", async () => {
    const { permissions, asked } = permissionsDouble(
      conditional({
        allOf: [
          notSecret,
          { not: leaf('HAS_SPEC', { key: 'tier', value: 'gold' }) },
        ],
      }),
    );
    expect(await decide(permissions)).toEqual([false, false, true]);
    expect(asked).toEqual([]);
  });

  const fallbacks: Array<
    [string, PolicyDecision | Error, string[] | undefined]
  > = [
    [
      'a rule it does not know',
      conditional({ anyOf: [leaf('HAS_TEAM_TAG', {}), notSecret] }),
      MAPPED_FIELDS,
    ],
    [
      'parameters the catalog refuses',
      conditional({ not: leaf('HAS_LABEL', { value: 'x' }) }),
      MAPPED_FIELDS,
    ],
    [
      'no parameters',
      conditional({ not: leaf('IS_ENTITY_KIND', undefined) }),
      MAPPED_FIELDS,
    ],
    [
      "another plugin's conditions",
      conditional(notSecret, 'scaffolder'),
      MAPPED_FIELDS,
    ],
    ['an empty anyOf', conditional({ anyOf: [] }), MAPPED_FIELDS],
    [
      'a node of two shapes',
      conditional({ anyOf: [notSecret], allOf: [notSecret] }),
      MAPPED_FIELDS,
    ],
    [
      'HAS_SPEC over a view that read part of spec',
      conditional(leaf('HAS_SPEC', { key: 'tier' })),
      ['kind', 'metadata', 'spec.owner', 'relations'],
    ],
    [
      'a failed conditional query',
      new Error('permission backend down'),
      MAPPED_FIELDS,
    ],
  ];
  it.each(fallbacks)(
    'decides each entity for %s',
    async (_, decision, fields) => {
      const { permissions, asked } = permissionsDouble(decision, ref =>
        ref.endsWith('/b'),
      );
      expect(await decide(permissions, fields)).toEqual([false, true, false]);
      expect(asked).toEqual([ENTITIES.map(e => stringifyEntityRef(e))]);
    },
  );

  it('fails when the per-entity decisions fail (the view fails closed)', async () => {
    const { permissions } = permissionsDouble(new Error('down'));
    permissions.authorize = async () => {
      throw new Error('still down');
    };
    await expect(decide(permissions)).rejects.toThrow('still down');
  });

  it('withholds an entity a rule cannot be applied to, even under not', async () => {
    // Keys differing only in casing: the catalog's search rows refuse it, so HAS_METADATA throws.
    const odd = entity('odd', { labels: { Team: 'x', team: 'y' } });
    const { permissions, asked } = permissionsDouble(
      conditional({
        not: leaf('HAS_METADATA', { key: 'labels.team', value: 'z' }),
      }),
    );
    expect(
      await decide(permissions, MAPPED_FIELDS, [odd, ENTITIES[2]]),
    ).toEqual([false, true]);
    expect(asked).toEqual([]);
  });
});

describe('CallerCachedPermissions.authorizeConditional', () => {
  it('joins identical queries of one caller in flight and keeps no failure', async () => {
    let fail = true;
    const { permissions, queries } = permissionsDouble({
      result: AuthorizeResult.ALLOW,
    } as PolicyDecision);
    const inner = permissions.authorizeConditional;
    permissions.authorizeConditional = async (requests, options) => {
      if (fail) {
        queries.push(-1);
        throw new Error('down');
      }
      return inner(requests, options);
    };
    const cached = new CallerCachedPermissions(permissions, new CallerMemo(0));
    const BOB = mockCredentials.user('user:default/bob');
    // Two requests of alice (Backstage hands out one credentials object per request).
    const twice = () =>
      Promise.all(
        [ALICE, mockCredentials.user('user:default/alice')].map(credentials =>
          meshReadDecisions(cached, ENTITIES, credentials, MAPPED_FIELDS),
        ),
      );
    const [a, b] = await Promise.allSettled(await twice());
    // Both fell back to per-entity decisions after ONE failed query.
    expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(queries).toEqual([-1]);
    fail = false;
    await Promise.all([
      twice(),
      meshReadDecisions(cached, ENTITIES, BOB, MAPPED_FIELDS),
    ]);
    // Retried after the failure; one query for alice's two views, one for bob.
    expect(queries).toEqual([-1, 2, 2]);
  });
});
