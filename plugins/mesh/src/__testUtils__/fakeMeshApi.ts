/*
 * Test double of the MeshApi: every method is a jest mock that answers with the recorded demo
 * data, so a test only overrides what it is about. It stands in for the HTTP client (covered by
 * MeshClient.test.ts); it is not the backend and proves nothing about it.
 */
import { MeshApi } from '../api';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { demo, productpageDependencies } from '../__fixtures__/demo';

export type FakeMeshApi = {
  [K in keyof MeshApi]: jest.Mock<
    ReturnType<MeshApi[K]>,
    Parameters<MeshApi[K]>
  >;
};

/** Deep copy, so that no test can change another's data. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** A mock of one method that answers with a fresh copy of `value`. */
function answering<K extends keyof MeshApi>(
  value: Awaited<ReturnType<MeshApi[K]>>,
): FakeMeshApi[K] {
  return jest.fn(async () => copy(value)) as unknown as FakeMeshApi[K];
}

export function createFakeMeshApi(): FakeMeshApi {
  return {
    getEntityGraph: answering<'getEntityGraph'>(bookinfoGraph),
    getEntitySeries: answering<'getEntitySeries'>(demo.reviewsV2Series),
    getEntityHealth: answering<'getEntityHealth'>(demo.productpageHealth),
    getEntitySecurity: answering<'getEntitySecurity'>(demo.productpageSecurity),
    getEntityConfig: answering<'getEntityConfig'>(demo.reviewsConfig),
    getEntityWorkloads: answering<'getEntityWorkloads'>(demo.reviewsWorkloads),
    getEntityTraces: answering<'getEntityTraces'>(demo.productpageTraces),
    getEntityTrace: answering<'getEntityTrace'>(demo.productpageTrace),
    getEntityDependencies: answering<'getEntityDependencies'>(
      productpageDependencies,
    ),
    getEntityPosture: answering<'getEntityPosture'>(demo.bookinfoTeamPosture),
    getTeam: answering<'getTeam'>(demo.bookinfoTeam),
    getOverview: answering<'getOverview'>(demo.overview),
    getCatalogPosture: answering<'getCatalogPosture'>(demo.catalogPosture),
    getCatalogDependencies: answering<'getCatalogDependencies'>(
      productpageDependencies,
    ),
    getInsights: answering<'getInsights'>(demo.insights),
    getMeshConfig: answering<'getMeshConfig'>(demo.meshConfig),
  };
}
