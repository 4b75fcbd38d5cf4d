/*
 * Request health of every node from the graph's own edges, as Kiali's health finalizer does (§3.6):
 * each edge's responses count as outbound traffic of its source and inbound traffic of its target,
 * evaluated with the tolerances (default: Kiali's), then merged with the workload status.
 * TCP carries no response codes and never makes a node unhealthy.
 */
import {
  DEFAULT_HEALTH_TOLERANCES,
  evaluateRequestHealth,
  mergeHealth,
  MeshHealthRateRule,
  MeshHealthTolerance,
  MeshRequestHealthInput,
  resolveTolerances,
} from '@mesh-portal/plugin-mesh-common';
import { TrafficMap } from '../types';

export interface HealthRules {
  defaults: MeshHealthTolerance[];
  rules: MeshHealthRateRule[];
}

export function addHealth(
  map: TrafficMap,
  health: HealthRules = { defaults: DEFAULT_HEALTH_TOLERANCES, rules: [] },
): void {
  const rates = new Map<string, MeshRequestHealthInput>();
  const of = (id: string) => {
    let r = rates.get(id);
    if (!r) rates.set(id, (r = { inbound: {}, outbound: {} }));
    return r;
  };
  for (const e of map.edges.values()) {
    if (e.protocol === 'tcp') continue;
    for (const [code, rate] of Object.entries(e.responses)) {
      for (const [id, direction] of [
        [e.source, 'outbound'],
        [e.target, 'inbound'],
      ] as const) {
        const byCode = (of(id)[direction][e.protocol] ??= {});
        byCode[code] = (byCode[code] ?? 0) + rate;
      }
    }
  }
  for (const node of map.nodes.values()) {
    // Rules name objects as Kiali does: kind workload/app/service and that object's name.
    const kind =
      node.type === 'workload' || node.type === 'app' ? node.type : 'service';
    const tolerances = resolveTolerances(
      health.rules,
      kind,
      node.namespace,
      node.name,
      health.defaults,
    );
    const request = evaluateRequestHealth(
      rates.get(node.id) ?? { inbound: {}, outbound: {} },
      tolerances,
    );
    node.health = node.health ? mergeHealth(node.health, request) : request;
  }
}
