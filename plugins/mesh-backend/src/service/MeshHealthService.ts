/*
 * Health of an entity's workloads, apps and Services, from the same pipeline as the graph (so the
 * colours in the graph and the health view never disagree): request health per Kiali tolerances
 * from the entity's 1-hop traffic, merged with each workload's replica status. A workload without
 * traffic in the window still gets its replica status.
 */
import {
  evaluateRequestHealth,
  evaluateWorkloadStatus,
  mergeHealth,
  MeshEdge,
  MeshEntityHealthResponse,
  MeshHealth,
  MeshHealthItem,
  MeshRequestRates,
  resolveTolerances,
} from '@mesh-portal/plugin-mesh-common';
import { matchesLabels } from '../kube/labelSelector';
import { Workload } from '../kube/workloads';
import { HealthRules } from '../graph/appenders/addHealth';
import { canonicalService } from '../graph/appenders/workloadsOfNode';
import { EntityGraphRequest, MeshGraphService } from './MeshGraphService';

type Rates = MeshHealthItem['requests'];
const NO_DATA: MeshHealth = { status: 'no-data', reasons: [] };

function addRates(into: MeshRequestRates, edge: MeshEdge) {
  if (edge.protocol === 'tcp' || !edge.responses) return;
  const byCode = (into[edge.protocol] ??= {});
  for (const [code, rps] of Object.entries(edge.responses))
    byCode[code] = (byCode[code] ?? 0) + rps;
}

export class MeshHealthService {
  constructor(
    private readonly options: { graph: MeshGraphService; health: HealthRules },
  ) {}

  async getEntityHealth(
    request: Omit<EntityGraphRequest, 'hops' | 'graphType'>,
  ): Promise<MeshEntityHealthResponse> {
    const { graph, focusWorkloads, services } =
      await this.options.graph.buildEntityGraph({
        ...request,
        hops: 1,
        graphType: 'workload',
      });
    const ratesOf = (nodeIds: Set<string>): Rates => {
      const rates: Rates = { inbound: {}, outbound: {} };
      for (const e of graph.edges) {
        if (nodeIds.has(e.target)) addRates(rates.inbound, e);
        if (nodeIds.has(e.source)) addRates(rates.outbound, e);
      }
      return rates;
    };
    const nodeId = (w: Workload) => `wl:${w.cluster}:${w.namespace}:${w.name}`;
    const tolerances = (kind: string, namespace: string, name: string) =>
      resolveTolerances(
        this.options.health.rules,
        kind,
        namespace,
        name,
        this.options.health.defaults,
      );

    const workloadItems: MeshHealthItem[] = focusWorkloads.map(w => {
      const node = graph.nodes.find(n => n.id === nodeId(w));
      return {
        kind: 'workload',
        cluster: w.cluster,
        namespace: w.namespace,
        name: w.name,
        health:
          node?.health ??
          mergeHealth(NO_DATA, evaluateWorkloadStatus(w.name, w)),
        requests: ratesOf(new Set([nodeId(w)])),
        replicas: {
          desired: w.desired,
          current: w.current,
          available: w.available,
        },
        dataplane: w.dataplane,
      };
    });

    // Apps: Kiali's app health is the worst of its request health and each of its workloads.
    const apps = new Map<string, Workload[]>();
    for (const w of focusWorkloads) {
      const key = `${w.cluster}/${w.namespace}/${canonicalService(w)}`;
      apps.set(key, [...(apps.get(key) ?? []), w]);
    }
    const appItems: MeshHealthItem[] = [...apps.values()].map(ws => {
      const [first] = ws;
      const requests = ratesOf(new Set(ws.map(nodeId)));
      const name = canonicalService(first);
      let health = evaluateRequestHealth(
        requests,
        tolerances('app', first.namespace, name),
      );
      for (const item of workloadItems.filter(i =>
        ws.some(w => w.name === i.name && w.namespace === i.namespace),
      )) {
        health = mergeHealth(health, item.health);
      }
      return {
        kind: 'app',
        cluster: first.cluster,
        namespace: first.namespace,
        name,
        health,
        requests,
      };
    });

    // Services selecting the entity's workloads: inbound requests only (Kiali), incl. unserved ones.
    const serviceItems: MeshHealthItem[] = services
      .filter(
        s =>
          s.spec?.selector &&
          focusWorkloads.some(
            w =>
              w.cluster === s.cluster &&
              w.namespace === s.metadata.namespace &&
              matchesLabels(s.spec!.selector, w.podLabels),
          ),
      )
      .map(s => {
        const selected = focusWorkloads.filter(
          w =>
            w.namespace === s.metadata.namespace &&
            matchesLabels(s.spec!.selector, w.podLabels),
        );
        const ids = new Set([
          ...selected.map(nodeId),
          `svc:${s.cluster}:${s.metadata.namespace}:${s.metadata.name}`,
        ]);
        const requests: Rates = { inbound: ratesOf(ids).inbound, outbound: {} };
        const namespace = s.metadata.namespace ?? 'default';
        return {
          kind: 'service',
          cluster: s.cluster,
          namespace,
          name: s.metadata.name,
          health: evaluateRequestHealth(
            requests,
            tolerances('service', namespace, s.metadata.name),
          ),
          requests,
        };
      });

    const items = [...workloadItems, ...appItems, ...serviceItems];
    return {
      entityRef: graph.mapping.entityRef,
      windowSeconds: graph.windowSeconds,
      timestamp: graph.timestamp,
      health: items.reduce<MeshHealth>(
        (worst, i) =>
          mergeHealth(worst, {
            status: i.health.status,
            reasons: i.health.reasons.slice(0, 3),
          }),
        NO_DATA,
      ),
      items,
      errors: graph.errors,
    };
  }
}
