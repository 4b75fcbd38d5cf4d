/*
 * An entity's security from config and traffic: mesh, namespace and workload mTLS (Kiali's verdicts
 * and the modes Istio enforces), the share of its inbound and outbound traffic that used mTLS (from
 * the destination-reported `connection_security_policy`), and its plain-text edges (from the graph,
 * which links their ends to catalog entities).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  MeshEdge,
  MeshEdgeEndpoint,
  MeshEntityGraphResponse,
  MeshEntitySecurityResponse,
  MeshNode,
  MeshPlaintextEdge,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { workloadKey } from '../mapping/mapEntity';
import {
  clusterSecurity,
  namespaceSecurity,
  workloadSecurity,
} from '../security/securityStatus';
import { clusterNaming } from '../graph/nodeIdentity';
import { trafficMtls } from '../security/trafficMtls';
import { MeshSources } from '../sources/types';
import { MeshGraphService } from './MeshGraphService';
import {
  MeshValidationService,
  ValidatedCluster,
} from './MeshValidationService';
import { readTraffic } from './readTraffic';
import { mapTarget, MeshTarget, TargetMembers } from '../scope/targetMapping';
import { uniqueErrors } from './sourceErrors';

export interface EntitySecurityRequest {
  target: MeshTarget;
  windowSeconds: number;
  credentials: BackstageCredentials;
  time?: Date;
}

/** Workloads of a target (an entity, or a System's or Group's members) in each validated cluster. */
export function targetWorkloads(
  target: TargetMembers,
  clusters: ValidatedCluster[],
  nameMapping: NameMappingPolicy,
): Array<{ cluster: ValidatedCluster; workloads: Workload[] }> {
  // Mapped over all clusters at once: a name found in two clusters is ambiguous (../mapping).
  const { workloads } = mapTarget(
    target,
    clusters.flatMap(c => c.ctx.workloads),
    nameMapping,
  );
  return clusters
    .map(cluster => ({
      cluster,
      workloads: workloads.filter(w => w.cluster === cluster.info.name),
    }))
    .filter(c => c.workloads.length > 0);
}

const endpoint = (n: MeshNode): MeshEdgeEndpoint => ({
  cluster: n.cluster,
  namespace: n.namespace,
  name: n.name,
  type: n.type,
  ...(n.entityRef ? { entityRef: n.entityRef } : {}),
  ...(n.isOutOfMesh ? { isOutOfMesh: true } : {}),
});

/** Edges of the focus nodes that carried traffic without mTLS, or that cannot have had it (an end without proxy). */
export function plaintextEdges(
  graph: Pick<MeshEntityGraphResponse, 'nodes' | 'edges'>,
): MeshPlaintextEdge[] {
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  return graph.edges.flatMap((e: MeshEdge) => {
    const source = nodes.get(e.source);
    const target = nodes.get(e.target);
    if (!source || !target || !(source.isFocus || target.isFocus)) return [];
    const reported = e.mtls !== undefined;
    if (
      reported
        ? e.mtls! >= 1 - 1e-9
        : !(source.isOutOfMesh || target.isOutOfMesh)
    )
      return [];
    return [
      {
        direction: target.isFocus
          ? ('inbound' as const)
          : ('outbound' as const),
        source: endpoint(source),
        destination: endpoint(target),
        protocol: e.protocol,
        rps: e.rps,
        ...(e.bytesPerSecond !== undefined
          ? { bytesPerSecond: e.bytesPerSecond }
          : {}),
        mtls: e.mtls ?? 0,
        evidence: reported ? ('telemetry' as const) : ('inventory' as const),
      },
    ];
  });
}

export class MeshSecurityService {
  constructor(
    private readonly options: {
      sources: MeshSources;
      validation: MeshValidationService;
      graph: MeshGraphService;
    },
  ) {}

  async getEntitySecurity(
    request: EntitySecurityRequest,
  ): Promise<MeshEntitySecurityResponse> {
    const time = request.time ?? new Date();
    const { clusters, errors } =
      await this.options.validation.validatedClusters();
    const scoped = targetWorkloads(
      request.target,
      clusters,
      this.options.graph.nameMapping,
    );
    const keys = new Set(scoped.flatMap(s => s.workloads.map(workloadKey)));
    const naming = clusterNaming(
      new Map(clusters.map(c => [c.info.istioClusterId, c.info.name])),
    );
    const [traffic, graph] = await Promise.all([
      readTraffic(
        this.options.sources,
        clusters.map(c => c.info.name),
        request.windowSeconds,
        time,
        { latencyUnused: true },
      ),
      this.options.graph.getEntityGraph({
        target: request.target,
        windowSeconds: request.windowSeconds,
        hops: 1,
        graphType: 'workload',
        credentials: request.credentials,
        time,
      }),
    ]);
    const shares = await trafficMtls(traffic.snapshot, naming, keys);
    return {
      entityRef: request.target.entityRef,
      windowSeconds: request.windowSeconds,
      timestamp: time.toISOString(),
      clusters: scoped.map(s => clusterSecurity(s.cluster.ctx)),
      namespaces: scoped.flatMap(s =>
        [...new Set(s.workloads.map(w => w.namespace))]
          .sort()
          .map(ns => namespaceSecurity(s.cluster.ctx, ns, s.cluster.findings)),
      ),
      workloads: scoped.flatMap(s =>
        s.workloads.map(w =>
          workloadSecurity(s.cluster.ctx, w, s.cluster.findings),
        ),
      ),
      traffic: {
        inbound: shares.inbound,
        outbound: shares.outbound,
        plaintextEdges: plaintextEdges(graph),
      },
      errors: uniqueErrors([...errors, ...traffic.errors, ...graph.errors]),
    };
  }
}
