/*
 * The demo's permission policy: allow everything, except two rules that show the mesh plugin's
 * access model (README "Access control") with the demo catalog:
 *
 * 1. Catalog: `paymentservice` (payments, a restricted scope in many companies) can be read only by
 *    its owners. Everyone else gets a 404 for its pages and mesh routes, and in the graphs of its
 *    callers (checkoutservice, …) its workloads appear as anonymous "restricted" nodes whose
 *    traffic is still shown.
 * 2. Mesh: the mesh data (`mesh.entity.read`) of the Online Boutique `loadgenerator` can be read
 *    only by its owners. Everyone else can open its catalog page, but its Mesh tab answers 403.
 *
 * Generated catalogs (bench:scale's 5,000 Components) mark such entities with the labels
 * OWNERS_ONLY_LABEL and OWNERS_ONLY_MESH_DATA_LABEL instead of being named here.
 *
 * Bookinfo, Sock Shop and the rest of Online Boutique stay open to the guest user. Calls with a
 * service's own credentials (plugin to plugin) are allowed: the mesh plugin reads the whole catalog
 * that way to learn which workloads belong to entities a caller may not read.
 */
import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';

/** Components only their owners may read at all (rule 1). */
export const OWNERS_ONLY_ENTITIES = ['paymentservice'];
/** Components whose mesh data only their owners may read (rule 2). */
export const OWNERS_ONLY_MESH_DATA = ['loadgenerator'];
/** Entities carrying this label (any value) are under rule 1. */
export const OWNERS_ONLY_LABEL = 'mesh-demo.example.com/owners-only';
/** Entities carrying this label (any value) are under rule 2. */
export const OWNERS_ONLY_MESH_DATA_LABEL =
  'mesh-demo.example.com/mesh-data-owners-only';

type Criteria = PermissionCriteria<PermissionCondition<'catalog-entity'>>;

const namedOrLabelled = (names: string[], label: string): Criteria => ({
  anyOf: [
    catalogConditions.hasLabel({ label }),
    ...names.map(value =>
      catalogConditions.hasMetadata({ key: 'name', value }),
    ),
  ],
});

export class MeshDemoPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.ALLOW };
    let rule: Criteria;
    if (isPermission(request.permission, catalogEntityReadPermission))
      rule = namedOrLabelled(OWNERS_ONLY_ENTITIES, OWNERS_ONLY_LABEL);
    else if (isPermission(request.permission, meshEntityReadPermission))
      rule = namedOrLabelled(
        OWNERS_ONLY_MESH_DATA,
        OWNERS_ONLY_MESH_DATA_LABEL,
      );
    else return { result: AuthorizeResult.ALLOW };
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    // Allowed unless it is one of the named or labelled entities and the user is not among its owners.
    return createCatalogConditionalDecision(
      request.permission as ResourcePermission<'catalog-entity'>,
      {
        anyOf: [
          { not: rule },
          catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
        ],
      },
    );
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'mesh-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new MeshDemoPolicy(userInfo));
      },
    });
  },
});
