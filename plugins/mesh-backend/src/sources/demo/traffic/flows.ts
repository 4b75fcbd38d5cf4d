/*
 * Propagates each app's entry load through the call graph, routing every call with the demo's
 * Istio config (./routing), deciding mTLS from its policies (./security) and splitting responses by
 * the fault rules and each workload's own error shares. The result is a list of flows: one per
 * (client workload, service, server workload, response code), with its rate at load factor 1.
 */
import { fqdn } from '../../../kube/hosts';
import { ClusterObjects } from '../../../kube/types';
import { Workload } from '../../../kube/workloads';
import {
  behaviourKey,
  DemoApp,
  DemoBehaviour,
  DemoCall,
  DemoMeshModel,
  workloadName,
} from '../model';
import {
  LatencyModel,
  LOCAL_REPLY,
  logNormal,
  PROXY_OVERHEAD_MS,
  shifted,
  withDelay,
} from './latency';
import { ResolvedRoute, RoutingTable } from './routing';
import { flowSecurity } from './security';

export interface Flow {
  /** App whose load curve drives this flow. */
  appId: string;
  source: Workload;
  route: ResolvedRoute;
  /** Undefined when the client proxy answered itself (fault abort): no workload was reached. */
  destination?: Workload;
  /** The ambient waypoint the call went through (./routing `waypointFor`). */
  waypoint?: Workload;
  protocol: 'http' | 'grpc' | 'tcp';
  /** Requests per second at load factor 1. */
  rate: number;
  /** HTTP status (`200`, `500`); for gRPC the HTTP status is 200 and `grpcStatus` carries the code. */
  responseCode: string;
  grpcStatus: string;
  /** Envoy response flags: `-` for none, `FI` for an injected fault, `UO` for a tripped circuit breaker. */
  responseFlags: string;
  security: 'mutual_tls' | 'none';
  /** Latency as the server measures it and as the client measures it. */
  serverLatency: LatencyModel;
  clientLatency: LatencyModel;
  bytesSent: number;
  bytesReceived: number;
}

// Bytes per request on the wire when a call does not say (used for ztunnel's L4 view of HTTP).
const DEFAULT_BYTES_SENT = 700;
const DEFAULT_BYTES_RECEIVED = 2800;
const MAX_DEPTH = 12;

export interface FlowResult {
  flows: Flow[];
  /** Config problems the generator met (unknown service, rejected plain text, no endpoints). */
  warnings: string[];
}

/** Behaviour of every demo workload, keyed by behaviourKey(namespace, workload). */
export function demoBehaviours(
  model: DemoMeshModel,
): Map<string, DemoBehaviour> {
  const behaviours = new Map<string, DemoBehaviour>();
  for (const app of model.apps) {
    for (const svc of app.services) {
      for (const wl of svc.workloads)
        behaviours.set(
          behaviourKey(app.namespace, workloadName(svc, wl)),
          wl.behaviour,
        );
    }
  }
  return behaviours;
}

export function computeFlows(
  model: DemoMeshModel,
  objects: ClusterObjects,
  workloads: Workload[],
): FlowResult {
  const routing = new RoutingTable(objects, workloads);
  const behaviours = demoBehaviours(model);
  const find = (namespace: string, name: string) =>
    workloads.find(w => w.namespace === namespace && w.name === name);
  const flows: Flow[] = [];
  const warnings: string[] = [];

  const call = (
    app: DemoApp,
    source: Workload,
    c: DemoCall,
    rate: number,
    depth: number,
  ) => {
    const namespace = c.namespace ?? source.namespace;
    const route = c.external
      ? routing.resolveExternal(c.service)
      : routing.resolve(c.service, namespace);
    if (!route) {
      warnings.push(
        `${source.name} calls unknown ${
          c.external ? 'external host' : 'service'
        } ${c.service}${c.external ? '' : `.${namespace}`}`,
      );
      return;
    }
    const bytes = {
      bytesSent: c.bytesSent ?? DEFAULT_BYTES_SENT,
      bytesReceived: c.bytesReceived ?? DEFAULT_BYTES_RECEIVED,
    };
    const abortShare = route.protocol === 'tcp' ? 0 : route.abort?.share ?? 0;
    /** A call the client proxy answers itself (no workload reached), e.g. an injected fault. */
    const localReply = (
      localRate: number,
      responseCode: string,
      grpcStatus: string,
      responseFlags: string,
    ) =>
      flows.push({
        appId: app.id,
        source,
        route,
        protocol: route.protocol,
        rate: localRate,
        responseCode,
        grpcStatus,
        responseFlags,
        security: 'none',
        serverLatency: LOCAL_REPLY,
        clientLatency: LOCAL_REPLY,
        ...bytes,
      });
    if (abortShare > 0) {
      const grpc = route.protocol === 'grpc';
      localReply(
        rate * abortShare,
        grpc && route.abort?.grpcStatus
          ? '200'
          : String(route.abort?.httpStatus ?? 503),
        grpc ? grpcCode(route.abort?.grpcStatus) ?? '14' : '',
        'FI',
      );
    }
    if (route.external) {
      // Leaves the mesh: the client's sidecar reports it, nobody in the mesh answers it.
      flows.push({
        appId: app.id,
        source,
        route,
        protocol: route.protocol,
        rate,
        responseCode: route.protocol === 'tcp' ? '' : '200',
        grpcStatus: route.protocol === 'grpc' ? '0' : '',
        responseFlags: '-',
        security: 'none',
        serverLatency: LOCAL_REPLY,
        clientLatency: LOCAL_REPLY,
        ...bytes,
      });
      return;
    }
    const routed = rate * (1 - abortShare);
    for (const split of route.splits) {
      // A Gateway API backend Service is the destination service Istio reports.
      const splitRoute = split.service
        ? {
            ...route,
            service: split.service,
            host: fqdn(
              split.service.metadata.name,
              route.service.metadata.namespace!,
            ),
          }
        : route;
      if (split.workloads.length === 0)
        warnings.push(`no ready endpoints for ${route.host}`);
      for (const { workload: destination, share } of split.workloads) {
        const r = routed * split.weight * share;
        if (r <= 0) continue;
        const security = flowSecurity(
          objects,
          source,
          destination,
          route.tlsMode,
        );
        if (security === 'rejected') {
          warnings.push(
            `plain-text ${source.name} → ${destination.name} rejected by STRICT mTLS`,
          );
          continue;
        }
        const behaviour = behaviours.get(
          behaviourKey(destination.namespace, destination.name),
        );
        const server = logNormal(
          behaviour?.latency ?? { medianMs: 5, p99Ms: 50 },
        );
        const client = withDelay(
          shifted(server, PROXY_OVERHEAD_MS),
          route.delay?.share ?? 0,
          route.delay?.ms ?? 0,
        );
        const overflow =
          route.protocol === 'tcp' ? 0 : behaviour?.overflow ?? 0;
        // The destination's circuit breaker is full: the caller's proxy answers 503 (UO).
        if (overflow > 0) {
          const grpc = route.protocol === 'grpc';
          localReply(
            r * overflow,
            grpc ? '200' : '503',
            grpc ? '14' : '',
            'UO',
          );
        }
        const servedRate = r * (1 - overflow);
        const errors = route.protocol === 'tcp' ? {} : behaviour?.errors ?? {};
        const errorShare = Object.values(errors).reduce((a, b) => a + b, 0);
        const outcomes: Array<[string, number]> = [
          ['ok', 1 - errorShare],
          ...Object.entries(errors),
        ];
        for (const [code, outcomeShare] of outcomes) {
          const grpc = route.protocol === 'grpc';
          flows.push({
            appId: app.id,
            source,
            route: splitRoute,
            destination,
            waypoint: routing.waypointFor(source, destination, route.service),
            protocol: route.protocol,
            rate: servedRate * outcomeShare,
            responseCode:
              route.protocol === 'tcp'
                ? ''
                : code === 'ok' || grpc
                ? '200'
                : code,
            grpcStatus: grpc ? (code === 'ok' ? '0' : code) : '',
            responseFlags: '-',
            security,
            serverLatency: server,
            clientLatency: client,
            ...bytes,
          });
        }
        if (depth < MAX_DEPTH) {
          for (const next of behaviour?.calls ?? [])
            call(
              app,
              destination,
              next,
              servedRate * next.perRequest,
              depth + 1,
            );
        }
      }
    }
  };

  for (const app of model.apps) {
    for (const entry of app.entries) {
      const source = find(entry.from.namespace, entry.from.workload);
      if (!source) {
        warnings.push(
          `entry client ${entry.from.namespace}/${entry.from.workload} not found`,
        );
        continue;
      }
      call(
        app,
        source,
        { service: entry.service, namespace: entry.namespace, perRequest: 1 },
        entry.rps,
        0,
      );
    }
  }
  return { flows, warnings };
}

const GRPC_CODES: Record<string, string> = {
  OK: '0',
  CANCELLED: '1',
  UNKNOWN: '2',
  INVALID_ARGUMENT: '3',
  DEADLINE_EXCEEDED: '4',
  NOT_FOUND: '5',
  ALREADY_EXISTS: '6',
  PERMISSION_DENIED: '7',
  RESOURCE_EXHAUSTED: '8',
  FAILED_PRECONDITION: '9',
  ABORTED: '10',
  OUT_OF_RANGE: '11',
  UNIMPLEMENTED: '12',
  INTERNAL: '13',
  UNAVAILABLE: '14',
  DATA_LOSS: '15',
  UNAUTHENTICATED: '16',
};

function grpcCode(status: string | undefined): string | undefined {
  return status ? GRPC_CODES[status] ?? status : undefined;
}
