/*
 * Which Istio and Gateway API objects apply to a workload, and why — the list Kiali shows on a
 * workload's "Istio Config" tab, computed from the same rules Istio applies:
 * - policies with a workload selector (PeerAuthentication, AuthorizationPolicy,
 *   RequestAuthentication, Sidecar) apply in their namespace to matching pods; in the root namespace
 *   to matching pods of every namespace; without a selector to their whole namespace, or to the
 *   whole mesh from the root namespace; `targetRef(s)` bind them to a Service or a Gateway instead;
 * - host-based config (VirtualService, DestinationRule, ServiceEntry) applies to the Services that
 *   select the workload, by host (short names are relative to the object's namespace; a
 *   VirtualService's hosts only when it is bound to the mesh); a VirtualService also applies when
 *   it routes to one of those Services;
 * - Gateway API routes apply through their backendRefs and, for mesh (GAMMA) routes, their Service
 *   parentRefs; the gateways an applying route or VirtualService is bound to are listed too.
 * exportTo visibility is not evaluated here (the validation checks report it).
 */
import { hostMatches } from '../kube/hosts';
import { GATEWAY_API, groupOf } from '../kube/istioObjects';
import { matchesLabels } from '../kube/labelSelector';
import { IstioObject, Service } from '../kube/types';
import { Workload } from '../kube/workloads';

export type AppliesBecause =
  | 'workloadSelector'
  | 'namespace'
  | 'meshWide'
  | 'targetRef'
  | 'host'
  | 'route'
  | 'gatewayBinding';

export interface AppliedObject {
  object: IstioObject;
  reasons: AppliesBecause[];
}

const SELECTOR_POLICIES = new Set([
  'security.istio.io/PeerAuthentication',
  'security.istio.io/AuthorizationPolicy',
  'security.istio.io/RequestAuthentication',
  'networking.istio.io/Sidecar',
]);
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const typeOf = (o: IstioObject) => `${groupOf(o)}/${o.kind}`;
const nsOf = (o: { metadata: { namespace?: string } }) =>
  o.metadata.namespace ?? 'default';

/** Services that route to the workload: same namespace, non-empty selector matching its pod labels. */
export function servicesOf(workload: Workload, services: Service[]): Service[] {
  return services.filter(
    s =>
      nsOf(s) === workload.namespace &&
      Object.keys(s.spec?.selector ?? {}).length > 0 &&
      matchesLabels(s.spec?.selector, workload.podLabels),
  );
}

export function appliedIstioConfig(
  workload: Workload,
  workloadServices: Service[],
  istio: IstioObject[],
  rootNamespace: string,
): AppliedObject[] {
  const hosts = workloadServices.map(
    s => `${s.metadata.name}.${nsOf(s)}.svc.cluster.local`,
  );
  const serviceRefs = new Set(
    workloadServices.map(s => `${nsOf(s)}/${s.metadata.name}`),
  );
  const applied = new Map<IstioObject, Set<AppliesBecause>>();
  const add = (o: IstioObject, reason: AppliesBecause) =>
    applied.set(o, (applied.get(o) ?? new Set()).add(reason));
  const coversWorkloadHost = (o: IstioObject, host: unknown) =>
    typeof host === 'string' &&
    hosts.some(target => hostMatches(host, nsOf(o), target));

  for (const o of istio) {
    const spec = o.spec ?? {};
    const type = typeOf(o);
    if (SELECTOR_POLICIES.has(type)) {
      const reason = selectorPolicyReason(
        o,
        workload,
        serviceRefs,
        rootNamespace,
      );
      if (reason) add(o, reason);
    } else if (type === 'networking.istio.io/Gateway') {
      if (spec.selector && matchesLabels(spec.selector, workload.podLabels))
        add(o, 'workloadSelector');
    } else if (type === 'gateway.networking.k8s.io/Gateway') {
      if (
        nsOf(o) === workload.namespace &&
        workload.podLabels[GATEWAY_NAME_LABEL] === o.metadata.name
      )
        add(o, 'workloadSelector');
    } else if (type === 'networking.istio.io/VirtualService') {
      // Host rules bind sidecars only when the VirtualService is bound to the mesh (no `gateways`,
      // or `mesh` among them); a gateway-only one (hosts "*" on an ingress) still routes here.
      const gateways: unknown[] = spec.gateways ?? [];
      const meshBound = gateways.length === 0 || gateways.includes('mesh');
      if (
        meshBound &&
        (spec.hosts ?? []).some((h: unknown) => coversWorkloadHost(o, h))
      )
        add(o, 'host');
      if (routeDestinations(spec).some(h => coversWorkloadHost(o, h)))
        add(o, 'route');
    } else if (type === 'networking.istio.io/DestinationRule') {
      if (coversWorkloadHost(o, spec.host)) add(o, 'host');
    } else if (type === 'networking.istio.io/ServiceEntry') {
      const selector = spec.workloadSelector?.labels;
      if (
        selector &&
        nsOf(o) === workload.namespace &&
        matchesLabels(selector, workload.podLabels)
      )
        add(o, 'workloadSelector');
      if ((spec.hosts ?? []).some((h: unknown) => coversWorkloadHost(o, h)))
        add(o, 'host');
    } else if (
      type === 'gateway.networking.k8s.io/HTTPRoute' ||
      type === 'gateway.networking.k8s.io/GRPCRoute'
    ) {
      const refs = (spec.rules ?? []).flatMap((r: any) => r.backendRefs ?? []);
      if (refs.some((ref: any) => isServiceRef(ref, nsOf(o), serviceRefs)))
        add(o, 'route');
      if (
        (spec.parentRefs ?? []).some(
          (ref: any) =>
            ref.kind === 'Service' && isServiceRef(ref, nsOf(o), serviceRefs),
        )
      )
        add(o, 'host');
    }
  }
  addBoundGateways(applied, istio, add);
  return [...applied].map(([object, reasons]) => ({
    object,
    reasons: [...reasons],
  }));
}

function selectorPolicyReason(
  o: IstioObject,
  workload: Workload,
  serviceRefs: Set<string>,
  rootNamespace: string,
): AppliesBecause | undefined {
  const spec = o.spec ?? {};
  const targetRefs: any[] =
    spec.targetRefs ?? (spec.targetRef ? [spec.targetRef] : []);
  if (targetRefs.length > 0) {
    const hit = targetRefs.some(ref =>
      ref.kind === 'Service'
        ? serviceRefs.has(`${ref.namespace ?? nsOf(o)}/${ref.name}`)
        : ref.kind === 'Gateway' &&
          nsOf(o) === workload.namespace &&
          workload.podLabels[GATEWAY_NAME_LABEL] === ref.name,
    );
    return hit ? 'targetRef' : undefined;
  }
  const selector =
    o.kind === 'Sidecar'
      ? spec.workloadSelector?.labels
      : spec.selector?.matchLabels;
  const inScope = nsOf(o) === workload.namespace || nsOf(o) === rootNamespace;
  if (selector && Object.keys(selector).length > 0) {
    return inScope && matchesLabels(selector, workload.podLabels)
      ? 'workloadSelector'
      : undefined;
  }
  if (nsOf(o) === rootNamespace) return 'meshWide';
  return nsOf(o) === workload.namespace ? 'namespace' : undefined;
}

function routeDestinations(spec: Record<string, any>): unknown[] {
  return ['http', 'tcp', 'tls'].flatMap(protocol =>
    (spec[protocol] ?? []).flatMap((rule: any) => [
      ...(rule.route ?? []).map((r: any) => r.destination?.host),
      rule.mirror?.host,
    ]),
  );
}

function isServiceRef(
  ref: any,
  routeNamespace: string,
  serviceRefs: Set<string>,
): boolean {
  const kind = ref.kind ?? 'Service';
  const group = ref.group ?? '';
  return (
    kind === 'Service' &&
    group === '' &&
    serviceRefs.has(`${ref.namespace ?? routeNamespace}/${ref.name}`)
  );
}

/** Gateways that applying VirtualServices and routes are bound to (`gateways`, `parentRefs`). */
function addBoundGateways(
  applied: Map<IstioObject, Set<AppliesBecause>>,
  istio: IstioObject[],
  add: (o: IstioObject, reason: AppliesBecause) => void,
): void {
  const wanted = new Set<string>();
  for (const [o] of applied) {
    const spec = o.spec ?? {};
    if (o.kind === 'VirtualService') {
      for (const g of spec.gateways ?? []) {
        if (g === 'mesh') continue;
        const [ns, name] = String(g).includes('/')
          ? String(g).split('/')
          : [nsOf(o), String(g)];
        wanted.add(`networking.istio.io/Gateway/${ns}/${name}`);
      }
    } else if (groupOf(o) === GATEWAY_API && o.kind !== 'Gateway') {
      for (const ref of spec.parentRefs ?? []) {
        if ((ref.kind ?? 'Gateway') === 'Gateway')
          wanted.add(
            `gateway.networking.k8s.io/Gateway/${ref.namespace ?? nsOf(o)}/${
              ref.name
            }`,
          );
      }
    }
  }
  for (const o of istio) {
    if (wanted.has(`${typeOf(o)}/${nsOf(o)}/${o.metadata.name}`))
      add(o, 'gatewayBinding');
  }
}
