/*
 * Everything checkers need about one cluster, indexed once: Istio objects by kind, workloads per
 * namespace, the Service registry with `exportTo`, mesh settings (root namespace, auto-mTLS, outbound
 * policy) and which objects a namespace can see. Checkers stay pure functions of this context.
 */
import { MeshObjectRef } from '@mesh-portal/plugin-mesh-common';
import { CLUSTER_DOMAIN } from '../kube/hosts';
import {
  ClusterObjects,
  IstioObject,
  KubeObject,
  MeshConfigSubset,
  Namespace,
  Pod,
  Service,
} from '../kube/types';
import { Workload } from '../kube/workloads';
import { workloadsOf } from '../kube/workloadsCache';
import { MtlsInputs } from '../security/kialiStatus';
import { istioGatewayClasses } from './gatewayClasses';
import { clusterPrincipals, trustDomainsOf } from './principals';
import {
  GATEWAY_API,
  isKind,
  namespaceOf,
  NETWORKING,
  objectRef,
  SECURITY,
} from '../kube/istioObjects';

export interface ValidationOptions {
  /** Override the mesh config's `enableAutoMtls` (true by default, as in Istio). */
  autoMtls?: boolean;
  /** Override the mesh config's `outboundTrafficPolicy.mode` (Istio's default is ALLOW_ANY). */
  outboundTrafficPolicy?: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** istiod's PILOT_SCOPE_GATEWAY_TO_NAMESPACE: Gateways select workloads of their own namespace only. */
  gatewayToNamespace?: boolean;
  /**
   * The mesh's other clusters. Their principals make a principal found there but not here KIA0107
   * (remote) instead of KIA0106, and they decide Kiali's default Gateway API classes (KIA1504).
   */
  peers?: ReadonlyArray<{ name: string; objects: ClusterObjects }>;
  /** The GatewayClasses Istio implements, as Kiali's `gateway_api_classes`; default: discovered. */
  gatewayApiClasses?: readonly string[];
}

const EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

export class ValidationContext {
  readonly identityDomain = CLUSTER_DOMAIN;
  readonly rootNamespace: string;
  readonly trustDomains: string[];
  readonly autoMtls: boolean;
  readonly allowAny: boolean;
  readonly gatewayToNamespace: boolean;
  readonly remotePrincipals: readonly string[];
  /** Classes a Gateway API Gateway may use (./gatewayClasses, KIA1504). */
  readonly gatewayClasses: readonly string[];
  readonly namespaces: Map<string, Namespace>;
  readonly namespaceNames: string[];
  readonly workloads: Workload[];
  readonly services: Service[];
  readonly gateways: IstioObject[];
  readonly k8sGateways: IstioObject[];
  readonly virtualServices: IstioObject[];
  readonly destinationRules: IstioObject[];
  readonly serviceEntries: IstioObject[];
  readonly sidecars: IstioObject[];
  readonly peerAuthentications: IstioObject[];
  readonly requestAuthentications: IstioObject[];
  readonly authorizationPolicies: IstioObject[];
  readonly wasmPlugins: IstioObject[];
  readonly telemetries: IstioObject[];
  readonly httpRoutes: IstioObject[];
  readonly grpcRoutes: IstioObject[];
  readonly referenceGrants: IstioObject[];
  readonly workloadGroups: IstioObject[];
  private readonly meshExtras: MeshConfigSubset;
  private readonly podsByName: Map<string, Pod>;
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  /** Services by the host names Kiali accepts for them (`svc.ns`, `svc.ns.svc`, FQDN). */
  private readonly servicesByHost = new Map<string, Service[]>();

  constructor(
    readonly cluster: string,
    readonly objects: ClusterObjects,
    options: ValidationOptions = {},
  ) {
    const mesh = objects.meshConfig;
    this.meshExtras = mesh;
    this.rootNamespace = mesh.rootNamespace ?? 'istio-system';
    this.trustDomains = trustDomainsOf(objects);
    this.autoMtls = options.autoMtls ?? mesh.enableAutoMtls ?? true;
    this.allowAny =
      (options.outboundTrafficPolicy ??
        this.meshExtras.outboundTrafficPolicy?.mode ??
        'ALLOW_ANY') === 'ALLOW_ANY';
    this.gatewayToNamespace = options.gatewayToNamespace ?? false;
    const peers = options.peers ?? [];
    this.remotePrincipals = peers.flatMap(p =>
      clusterPrincipals(p.name, p.objects),
    );
    this.gatewayClasses = istioGatewayClasses(
      objects,
      peers.map(p => p.objects),
      options.gatewayApiClasses,
    );
    this.namespaces = new Map(
      objects.namespaces.map(n => [n.metadata.name, n]),
    );
    this.namespaceNames = [...this.namespaces.keys()];
    this.workloads = workloadsOf(cluster, objects);
    this.services = objects.services;
    const istio = (kind: string, group: string) =>
      objects.istio.filter(o => isKind(o, kind, group));
    this.gateways = istio('Gateway', NETWORKING);
    this.k8sGateways = istio('Gateway', GATEWAY_API);
    this.virtualServices = istio('VirtualService', NETWORKING);
    this.destinationRules = istio('DestinationRule', NETWORKING);
    this.serviceEntries = istio('ServiceEntry', NETWORKING);
    this.sidecars = istio('Sidecar', NETWORKING);
    this.peerAuthentications = istio('PeerAuthentication', SECURITY);
    this.requestAuthentications = istio('RequestAuthentication', SECURITY);
    this.authorizationPolicies = istio('AuthorizationPolicy', SECURITY);
    this.wasmPlugins = istio('WasmPlugin', 'extensions.istio.io');
    this.telemetries = istio('Telemetry', 'telemetry.istio.io');
    this.httpRoutes = istio('HTTPRoute', GATEWAY_API);
    this.grpcRoutes = istio('GRPCRoute', GATEWAY_API);
    this.referenceGrants = istio('ReferenceGrant', GATEWAY_API);
    this.workloadGroups = istio('WorkloadGroup', NETWORKING);
    this.podsByName = new Map(
      objects.pods.map(p => [`${namespaceOf(p)}/${p.metadata.name}`, p]),
    );
    for (const w of this.workloads)
      this.workloadsByNamespace.set(w.namespace, [
        ...(this.workloadsByNamespace.get(w.namespace) ?? []),
        w,
      ]);
    for (const svc of this.services) {
      const name = `${svc.metadata.name}.${namespaceOf(svc)}`;
      for (const host of [
        `${name}.${this.identityDomain}`,
        `${name}.svc`,
        name,
      ]) {
        this.servicesByHost.set(host, [
          ...(this.servicesByHost.get(host) ?? []),
          svc,
        ]);
      }
    }
  }

  ref(obj: KubeObject): MeshObjectRef {
    return objectRef(this.cluster, obj);
  }

  workloadRef(w: Workload): MeshObjectRef {
    return {
      cluster: this.cluster,
      namespace: w.namespace,
      kind: w.kind,
      group: '',
      name: w.name,
    };
  }

  workloadsIn(namespace: string): Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  podsOf(w: Workload): Pod[] {
    return w.pods
      .map(p => this.podsByName.get(`${w.namespace}/${p.name}`))
      .filter((p): p is Pod => !!p);
  }

  isAmbientNamespace(namespace: string): boolean {
    return (
      this.namespaces.get(namespace)?.metadata.labels?.[
        'istio.io/dataplane-mode'
      ] === 'ambient'
    );
  }

  /**
   * Kiali's export rule: is an object visible from `viewer`? Objects of ambient namespaces stay in
   * their namespace; an empty `exportTo` falls back to the mesh default and then to "everywhere"; an
   * export to a namespace that does not exist keeps the object visible so its error is shown.
   */
  isVisibleFrom(obj: IstioObject, viewer: string): boolean {
    const own = namespaceOf(obj);
    if (this.isAmbientNamespace(own)) return own === viewer;
    let exportTo: string[] = obj.spec?.exportTo ?? [];
    if (exportTo.length === 0) exportTo = this.defaultExportTo(obj.kind) ?? [];
    if (exportTo.length === 0) return true;
    return exportTo.some(
      e =>
        e === '*' ||
        e === viewer ||
        (e === '.' && own === viewer) ||
        (e !== '.' && e !== '~' && !this.namespaces.has(e)),
    );
  }

  private defaultExportTo(kind: string): string[] | undefined {
    if (kind === 'VirtualService')
      return this.meshExtras.defaultVirtualServiceExportTo;
    if (kind === 'DestinationRule')
      return this.meshExtras.defaultDestinationRuleExportTo;
    if (kind === 'ServiceEntry') return this.meshExtras.defaultServiceExportTo;
    return undefined;
  }

  visibleDestinationRules(viewer: string): IstioObject[] {
    return this.destinationRules.filter(d => this.isVisibleFrom(d, viewer));
  }

  /** Hosts of the ServiceEntries visible from `viewer` (all when no viewer). */
  serviceEntryHosts(viewer?: string): string[] {
    return this.serviceEntries
      .filter(se => viewer === undefined || this.isVisibleFrom(se, viewer))
      .flatMap(se => (se.spec?.hosts ?? []) as string[]);
  }

  /**
   * Kiali's KubeServiceHosts: is `host` (`svc.ns`, `svc.ns.svc` or the FQDN) a Service exported to
   * `viewer` (annotation `networking.istio.io/exportTo`, else the mesh default, else everywhere)?
   */
  isServiceHostVisible(host: string, viewer: string): boolean {
    return (this.servicesByHost.get(host) ?? []).some(svc => {
      const ns = namespaceOf(svc);
      const annotation = svc.metadata.annotations?.[EXPORT_TO_ANNOTATION];
      const exportTo = annotation
        ? annotation
            .split(',')
            .map(s => s.trim())
            .filter(Boolean)
        : this.meshExtras.defaultServiceExportTo ?? [];
      return (
        exportTo.length === 0 ||
        exportTo.some(
          e => e === '*' || e === viewer || (e === '.' && ns === viewer),
        )
      );
    });
  }

  /** Inputs of Kiali's mTLS readings as seen from one namespace (its policies, the DRs it can see). */
  mtlsInputs(namespace: string): MtlsInputs {
    return {
      namespace,
      namespacePeerAuthentications: this.peerAuthentications.filter(
        p => namespaceOf(p) === namespace,
      ),
      rootPeerAuthentications: this.peerAuthentications.filter(
        p => namespaceOf(p) === this.rootNamespace,
      ),
      destinationRules: this.visibleDestinationRules(namespace),
      services: this.services,
      identityDomain: this.identityDomain,
      autoMtls: this.autoMtls,
    };
  }
}
