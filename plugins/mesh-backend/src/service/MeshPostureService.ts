/*
 * Posture scorecards: for one mapped entity, the components of a System or a Group, or the whole
 * catalog. Workloads of several entities are counted once; traffic touching them is counted once
 * per edge (src/security/trafficMtls.ts), from the same telemetry as the entity security view.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MeshPostureResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { workloadKey } from '../mapping/mapEntity';
import { computePosture } from '../security/posture';
import { clusterNaming } from '../graph/nodeIdentity';
import { trafficMtls } from '../security/trafficMtls';
import { MeshSources } from '../sources/types';
import { ScopeResolver } from '../scope/ScopeResolver';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { targetWorkloads } from './MeshSecurityService';
import { MeshValidationService } from './MeshValidationService';
import { readTraffic } from './readTraffic';
import { uniqueErrors } from './sourceErrors';

export interface PostureRequest {
  scope: MeshPostureResponse['scope'];
  /** The entity (absent for the catalog). */
  entity?: Entity;
  windowSeconds: number;
  credentials: BackstageCredentials;
  time?: Date;
}

export class MeshPostureService {
  constructor(
    private readonly options: {
      sources: MeshSources;
      scope: ScopeResolver;
      validation: MeshValidationService;
      nameMapping: NameMappingPolicy;
    },
  ) {}

  async getPosture(request: PostureRequest): Promise<MeshPostureResponse> {
    const time = request.time ?? new Date();
    const errors: MeshSourceError[] = [];
    // Members the caller may not read mesh data of are withheld (counted only).
    const scope = await this.options.scope.members(
      request.credentials,
      request.scope === 'catalog' ? undefined : request.entity,
    );
    errors.push(...scope.errors);
    const entities = scope.members;
    const validated = await this.options.validation.validatedClusters();
    errors.push(...validated.errors);

    const scopes = targetWorkloads(
      {
        entityRef: request.entity
          ? stringifyEntityRef(request.entity)
          : 'catalog',
        members: entities,
        withheld: scope.withheld,
        errors: [],
      },
      validated.clusters,
      this.options.nameMapping,
    );
    const keys = new Set(scopes.flatMap(s => s.workloads.map(workloadKey)));
    const naming = clusterNaming(
      new Map(
        validated.clusters.map(c => [c.info.istioClusterId, c.info.name]),
      ),
    );
    const traffic = await readTraffic(
      this.options.sources,
      validated.clusters.map(c => c.info.name),
      request.windowSeconds,
      time,
      { latencyUnused: true },
    );
    errors.push(...traffic.errors);
    const shares = await trafficMtls(traffic.snapshot, naming, keys);

    return {
      scope: request.scope,
      ...(request.entity
        ? { entityRef: stringifyEntityRef(request.entity) }
        : {}),
      ...(scope.withheld ? { withheldMembers: scope.withheld } : {}),
      entities: entities.map(e => stringifyEntityRef(e)).sort(),
      windowSeconds: request.windowSeconds,
      timestamp: time.toISOString(),
      posture: computePosture(scopes, shares.any),
      errors: uniqueErrors(errors),
    };
  }
}
