/*
 * The one request-health computation every view reads (graph nodes, the Health tab, the team and
 * /mesh tables, the overview cards): per mesh object — workload, app (canonical service) or
 * Service — the requests it received and sent over the window, counted once (the graph's reporter
 * de-duplication), and judged with Kiali's tolerances (Kiali semantics §3.4–3.5).
 *
 * It reads the traffic samples, not a graph, on purpose: a graph cut to N hops loses the edges of
 * its border nodes, and a workload graph only sends a Service node the requests that never reached
 * a workload (injected faults), so health derived from edges would depend on which page asked.
 */
import {
  DEFAULT_HEALTH_TOLERANCES,
  responseFlagInfo,
  splitResponseFlags,
  evaluateRequestHealth,
  MeshHealth,
  MeshHealthRateRule,
  MeshHealthTolerance,
  MeshProtocol,
  MeshRequestHealthInput,
  resolveTolerances,
} from '@mesh-portal/plugin-mesh-common';
import {
  dedupedByReporter,
  REQUEST_KEY,
  requestProtocol,
  responseCode,
} from '../graph/buildTrafficMap';
import { ClusterNames } from '../graph/nodeIdentity';
import { codeRecord } from '../graph/codeRecord';
import { eachSliced, finish, SlicedWork } from '../graph/slicedWork';
import { TrafficSnapshot } from '../sources/types';

/** Tolerances per object (Kiali's `health_config.rate`) and the defaults (`mesh.health` config). */
export interface HealthRules {
  defaults: MeshHealthTolerance[];
  rules: MeshHealthRateRule[];
}

export const DEFAULT_HEALTH_RULES: HealthRules = {
  defaults: DEFAULT_HEALTH_TOLERANCES,
  rules: [],
};

export type MeshObjectKind = 'workload' | 'app' | 'service';

export interface MeshObjectRef {
  kind: MeshObjectKind;
  cluster: string;
  namespace: string;
  name: string;
}

const ok = (v: string | undefined): v is string => !!v && v !== 'unknown';
const keyOf = (o: MeshObjectRef) =>
  `${o.kind}\u0000${o.cluster}\u0000${o.namespace}\u0000${o.name}`;
const noRequests = (): MeshRequestHealthInput => ({
  inbound: {},
  outbound: {},
});

export class ObjectHealth {
  private readonly rates = new Map<string, MeshRequestHealthInput>();
  /** Requests per second answered by an injected fault (Envoy flag FI), by object and direction. */
  private readonly injected = new Map<
    string,
    { inbound: number; outbound: number }
  >();

  constructor(private readonly rules: HealthRules) {}

  /** Requests of the window, by direction, protocol and normalised code. */
  requests(object: MeshObjectRef): MeshRequestHealthInput {
    return this.rates.get(keyOf(object)) ?? noRequests();
  }

  /** Request health with the tolerances that apply to this object. */
  health(object: MeshObjectRef): MeshHealth {
    const key = keyOf(object);
    const requests = this.rates.get(key) ?? noRequests();
    const health = evaluateRequestHealth(
      requests,
      this.tolerancesFor(object.kind, object.namespace, object.name),
    );
    return withInjectedFaults(health, requests, this.injected.get(key));
  }

  /** Counts requests a proxy answered with an injected fault instead of calling the service. */
  addInjected(
    object: MeshObjectRef,
    direction: 'inbound' | 'outbound',
    rate: number,
  ): void {
    const key = keyOf(object);
    const counts = this.injected.get(key) ?? { inbound: 0, outbound: 0 };
    counts[direction] += rate;
    this.injected.set(key, counts);
  }

  /** The tolerances of the first rule matching the object, else the defaults (Kiali's order). */
  tolerancesFor(kind: MeshObjectKind, namespace: string, name: string) {
    return resolveTolerances(
      this.rules.rules,
      kind,
      namespace,
      name,
      this.rules.defaults,
    );
  }

  add(
    object: MeshObjectRef,
    direction: 'inbound' | 'outbound',
    protocol: Exclude<MeshProtocol, 'tcp'>,
    code: string,
    rate: number,
  ): void {
    const key = keyOf(object);
    let r = this.rates.get(key);
    if (!r) this.rates.set(key, (r = noRequests()));
    const byCode = (r[direction][protocol] ??= codeRecord());
    byCode[code] = (byCode[code] ?? 0) + rate;
  }
}

/**
 * Request rates of every workload, app and Service seen in the traffic. A workload's and an app's
 * inbound and outbound both count (Kiali's workload and app health); a Service's inbound only,
 * including requests its client proxy answered itself.
 */
export function objectHealth(
  snapshot: TrafficSnapshot,
  clusterName: ClusterNames,
  rules: HealthRules,
): ObjectHealth {
  return finish(objectHealthOf(snapshot, clusterName, rules));
}

/** {@link objectHealth}, yielding between samples (../graph/slicedWork). */
export function* objectHealthOf(
  snapshot: TrafficSnapshot,
  clusterName: ClusterNames,
  rules: HealthRules,
): SlicedWork<ObjectHealth> {
  const result = new ObjectHealth(rules);
  const requests = yield* dedupedByReporter(snapshot.requests, REQUEST_KEY);
  yield* eachSliced(requests, s => {
    const l = s.labels;
    const protocol = requestProtocol(l);
    const code = responseCode(protocol, l);
    const add = (
      kind: MeshObjectKind,
      cluster: string,
      namespace: string | undefined,
      name: string | undefined,
      direction: 'inbound' | 'outbound',
    ) => {
      if (!ok(namespace) || !ok(name)) return;
      const object = { kind, cluster, namespace, name };
      result.add(object, direction, protocol, code, s.value);
      if (injected) result.addInjected(object, direction, s.value);
    };
    const injected = splitResponseFlags(l.response_flags).some(
      f => responseFlagInfo(f).injected,
    );
    const source = clusterName(l.source_cluster ?? 'unknown');
    // Istio leaves destination_cluster unknown for unserved requests: the source's is assumed.
    const destination = ok(l.destination_cluster)
      ? clusterName(l.destination_cluster)
      : source;
    const srcNs = l.source_workload_namespace;
    add('workload', source, srcNs, l.source_workload, 'outbound');
    add('app', source, srcNs, l.source_canonical_service, 'outbound');
    const dstNs = l.destination_workload_namespace;
    add('workload', destination, dstNs, l.destination_workload, 'inbound');
    add('app', destination, dstNs, l.destination_canonical_service, 'inbound');
    add(
      'service',
      destination,
      l.destination_service_namespace,
      l.destination_service_name,
      'inbound',
    );
  });
  return result;
}

const total = (byProtocol: MeshRequestHealthInput['inbound']) =>
  Object.values(byProtocol)
    .flatMap(byCode => Object.values(byCode ?? {}))
    .reduce((a, b) => a + b, 0);

/**
 * Names the share of requests Istio answered with an injected fault (fault injection, Envoy flag
 * FI), so that a reader of the health reasons knows these errors were asked for and are not a
 * failure of the service. The status itself is computed as Kiali does (injected errors count).
 */
function withInjectedFaults(
  health: MeshHealth,
  requests: MeshRequestHealthInput,
  injected: { inbound: number; outbound: number } | undefined,
): MeshHealth {
  if (!injected) return health;
  const reasons = (['inbound', 'outbound'] as const).flatMap(direction => {
    const all = total(requests[direction]);
    if (!injected[direction] || !all) return [];
    const percent = (100 * injected[direction]) / all;
    const share = percent < 0.1 ? percent.toPrecision(1) : percent.toFixed(1);
    return [
      `${share}% of ${direction} requests were faults injected by Istio (FI): injected on purpose, not a failure of the service`,
    ];
  });
  return reasons.length
    ? { ...health, reasons: [...health.reasons, ...reasons] }
    : health;
}
