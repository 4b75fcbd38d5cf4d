/*
 * Resolves a call to a Service the way a client sidecar would with the demo's config: the
 * VirtualService for the host (its default route: the demo sends no special headers, so routes
 * with `match` conditions are skipped), weights over DestinationRule subsets, fault injection,
 * then the Service's endpoints split by replica count. Without a VirtualService, a mesh
 * HTTPRoute/GRPCRoute attached to the Service splits over its weighted backend Services, as the
 * waypoint the Service is enrolled to would (../model `waypoint`).
 */
import { fqdn, hostMatches, portProtocol } from '../../../kube/hosts';
import { matchesLabels } from '../../../kube/labelSelector';
import { ClusterObjects, IstioObject, Service } from '../../../kube/types';
import { Workload } from '../../../kube/workloads';
import {
  GATEWAY_NAME_LABEL,
  isWaypointLabels,
  waypointOf,
} from '../../../kube/waypoints';

export interface RouteSplit {
  /** Workloads behind this destination, each with its share of the split (by ready replicas). */
  workloads: Array<{ workload: Workload; share: number }>;
  weight: number;
  /**
   * A Gateway API backend Service other than the one called: Istio reports it as the
   * destination service (the upstream cluster is the backend's).
   */
  service?: Service;
}

export interface ResolvedRoute {
  service: Service;
  host: string;
  protocol: 'http' | 'grpc' | 'tcp';
  splits: RouteSplit[];
  abort?: { share: number; httpStatus?: number; grpcStatus?: string };
  delay?: { share: number; ms: number };
  /** DestinationRule `trafficPolicy.tls.mode` for the host, if any. */
  tlsMode?: string;
  /** A ServiceEntry host outside the mesh: no workload answers in the mesh. */
  external?: boolean;
}

export class RoutingTable {
  constructor(
    private readonly objects: ClusterObjects,
    private readonly workloads: Workload[],
  ) {}

  private ofKind(kind: string): IstioObject[] {
    return this.objects.istio.filter(
      o => o.kind === kind && o.apiVersion.startsWith('networking.istio.io'),
    );
  }

  resolve(serviceName: string, namespace: string): ResolvedRoute | undefined {
    const service = this.objects.services.find(
      s =>
        s.metadata.name === serviceName && s.metadata.namespace === namespace,
    );
    if (!service) return undefined;
    const host = fqdn(serviceName, namespace);
    const protocol = portProtocol(service.spec?.ports?.[0]);
    const vs = this.ofKind('VirtualService').find(v => {
      const gateways: string[] | undefined = v.spec?.gateways;
      const meshBound = !gateways || gateways.includes('mesh');
      return (
        meshBound &&
        (v.spec?.hosts ?? []).some((h: string) =>
          hostMatches(h, v.metadata.namespace!, host),
        )
      );
    });
    const meshRoute = vs ? undefined : this.gatewayApiRoute(service);
    if (meshRoute) return { service, host, protocol, splits: meshRoute };
    const routes: any[] =
      protocol === 'tcp' ? vs?.spec?.tcp ?? [] : vs?.spec?.http ?? [];
    const route = routes.find(r => !r.match || r.match.length === 0);
    const destinations: Array<{
      host: string;
      subset?: string;
      weight: number;
    }> = route
      ? route.route.map((d: any) => ({
          host: d.destination.host,
          subset: d.destination.subset,
          weight:
            d.weight ??
            (route.route.length === 1 ? 100 : 100 / route.route.length),
        }))
      : [{ host: serviceName, weight: 100 }];
    const totalWeight = destinations.reduce((a, d) => a + d.weight, 0) || 1;
    const vsNamespace = vs?.metadata.namespace ?? namespace;

    const splits = destinations.map(d => {
      const destHost = fqdn(d.host, vsNamespace);
      const destService = this.serviceForHost(destHost) ?? service;
      const subsetLabels = d.subset
        ? this.subsetLabels(destHost, d.subset)
        : {};
      return {
        weight: d.weight / totalWeight,
        workloads: this.endpoints(destService, subsetLabels),
      };
    });

    const fault = route?.fault;
    return {
      service,
      host,
      protocol,
      splits,
      abort: fault?.abort
        ? {
            share: (fault.abort.percentage?.value ?? 100) / 100,
            httpStatus: fault.abort.httpStatus,
            grpcStatus: fault.abort.grpcStatus,
          }
        : undefined,
      delay: fault?.delay
        ? {
            share: (fault.delay.percentage?.value ?? 100) / 100,
            ms: parseDurationMs(fault.delay.fixedDelay),
          }
        : undefined,
      tlsMode: this.destinationRuleFor(host)?.spec?.trafficPolicy?.tls?.mode,
    };
  }

  /**
   * A host outside the cluster, reachable because a ServiceEntry declares it. No workload answers
   * in the mesh: Istio reports such calls from the client side only, with the host as the
   * destination service in the ServiceEntry's namespace.
   */
  resolveExternal(host: string): ResolvedRoute | undefined {
    const entry = this.ofKind('ServiceEntry').find(se =>
      (se.spec?.hosts ?? []).includes(host),
    );
    if (!entry) return undefined;
    const port = entry.spec?.ports?.[0];
    const service: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: host, namespace: entry.metadata.namespace },
      spec: { ports: port ? [{ name: port.name, port: port.number }] : [] },
    };
    const protocol = /^(HTTP|HTTP2|GRPC)$/i.test(port?.protocol ?? '')
      ? portProtocol({ name: port.protocol })
      : 'tcp';
    return { service, host, protocol, splits: [], external: true };
  }

  /** Ready workloads behind a Service (and subset), each with its share by ready replicas. */
  private endpoints(
    service: Service,
    subsetLabels: Record<string, string>,
  ): RouteSplit['workloads'] {
    const candidates = this.workloads.filter(
      w =>
        w.namespace === service.metadata.namespace &&
        matchesLabels(service.spec?.selector, w.podLabels) &&
        matchesLabels(subsetLabels, w.podLabels),
    );
    const ready = candidates.reduce((a, w) => a + Math.max(w.available, 0), 0);
    return candidates
      .filter(w => w.available > 0)
      .map(w => ({ workload: w, share: w.available / ready }));
  }

  /**
   * A mesh (GAMMA) HTTPRoute or GRPCRoute attached to the Service by a `parentRefs` Service entry:
   * the waypoint routes by its first rule without matches, over weighted backendRefs (weight 1
   * when unset, as the Gateway API specifies).
   */
  private gatewayApiRoute(service: Service): RouteSplit[] | undefined {
    const namespace = service.metadata.namespace!;
    const route = this.objects.istio.find(
      o =>
        o.apiVersion.startsWith('gateway.networking.k8s.io/') &&
        (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') &&
        ((o.spec?.parentRefs ?? []) as any[]).some(
          p =>
            p?.kind === 'Service' &&
            p.name === service.metadata.name &&
            (p.namespace ?? o.metadata.namespace) === namespace,
        ),
    );
    const rule = ((route?.spec?.rules ?? []) as any[]).find(
      r => !r.matches || r.matches.length === 0,
    );
    if (!route || !rule) return undefined;
    const backends = ((rule.backendRefs ?? []) as any[])
      .map(b => ({
        service: this.serviceForHost(
          fqdn(b.name, b.namespace ?? route.metadata.namespace!),
        ),
        weight: b.weight ?? 1,
      }))
      .filter(b => b.service && b.weight > 0);
    const total = backends.reduce((a, b) => a + b.weight, 0);
    return backends.map(b => ({
      weight: b.weight / total,
      workloads: this.endpoints(b.service!, {}),
      service:
        b.service!.metadata.name === service.metadata.name
          ? undefined
          : b.service,
    }));
  }

  /**
   * The waypoint workload that carries a call, if any: the server is ambient and enrolled
   * (kube/waypoints). Ingress gateways go straight to the pods unless the Service opts in with
   * `istio.io/ingress-use-waypoint`, which the demo does not set.
   */
  waypointFor(
    source: Workload,
    destination: Workload,
    service: Service,
  ): Workload | undefined {
    if (source.dataplane === 'gateway' || destination.dataplane !== 'ambient')
      return undefined;
    const nsLabels =
      this.objects.namespaces.find(
        n => n.metadata.name === destination.namespace,
      )?.metadata.labels ?? {};
    const use = waypointOf(destination, [service], nsLabels);
    return use
      ? this.workloads.find(
          w =>
            w.namespace === use.namespace &&
            w.podLabels[GATEWAY_NAME_LABEL] === use.name &&
            isWaypointLabels(w.podLabels),
        )
      : undefined;
  }

  private serviceForHost(host: string): Service | undefined {
    return this.objects.services.find(
      s => fqdn(s.metadata.name, s.metadata.namespace!) === host,
    );
  }

  private destinationRuleFor(host: string): IstioObject | undefined {
    return this.ofKind('DestinationRule').find(dr =>
      hostMatches(dr.spec?.host ?? '', dr.metadata.namespace!, host),
    );
  }

  private subsetLabels(host: string, subset: string): Record<string, string> {
    const dr = this.destinationRuleFor(host);
    const found = (dr?.spec?.subsets ?? []).find((s: any) => s.name === subset);
    // A subset missing from every DestinationRule makes Envoy answer 503 NR; the demo config has none.
    return found?.labels ?? { '__missing-subset__': subset };
  }
}

function parseDurationMs(value: string | undefined): number {
  const m = /^([0-9.]+)(ms|s)$/.exec(value ?? '');
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}
