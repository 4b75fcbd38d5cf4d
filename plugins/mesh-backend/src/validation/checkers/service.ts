/*
 * Kubernetes Services of the mesh (Kiali's PortMappingChecker): KIA0601 port name not
 * `<protocol>[-suffix]`, KIA0602 unknown `appProtocol` (both only for Services whose pods have a
 * sidecar, are ambient or are gateways; UDP ports and Kiali-wizard Services skipped), KIA0701 no
 * container port of the selected Deployment matches the port's target (control-plane namespace,
 * gateways and waypoints skipped).
 */
import { matchesLabels } from '../../kube/labelSelector';
import { Service, ServicePort } from '../../kube/types';
import { namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';
import { serviceWorkloads } from './common';

const PORT_PROTOCOLS = [
  'grpc',
  'grpc-web',
  'http',
  'http2',
  'https',
  'mongo',
  'redis',
  'tcp',
  'tls',
  'udp',
  'mysql',
];
const K8S_APP_PROTOCOLS = [
  'kubernetes.io/h2c',
  'kubernetes.io/ws',
  'kubernetes.io/wss',
];

/** Istio's port naming convention: `<protocol>` or `<protocol>-<suffix>` (prefix compared as written). */
export function validPortName(name: string | undefined): boolean {
  const n = name ?? '';
  return PORT_PROTOCOLS.some(
    p =>
      n.startsWith(p) &&
      (n.toLowerCase() === p || n.slice(p.length).startsWith('-')),
  );
}

export function validAppProtocol(appProtocol: string): boolean {
  const p = appProtocol.toLowerCase();
  return PORT_PROTOCOLS.includes(p) || K8S_APP_PROTOCOLS.includes(p);
}

const isGatewayOrWaypoint = (labels: Record<string, string>) =>
  'istio' in labels ||
  'gateway.networking.k8s.io/gateway-name' in labels ||
  labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller';

function portNameFindings(ctx: ValidationContext, svc: Service): Finding[] {
  const pods = serviceWorkloads(
    ctx,
    namespaceOf(svc),
    svc.spec?.selector,
  ).flatMap(w => w.pods);
  if (
    !pods.some(p => p.dataplane !== 'none') ||
    'kiali_wizard' in (svc.metadata.labels ?? {})
  )
    return [];
  return (svc.spec?.ports ?? []).flatMap((port, i) => {
    if ((port.protocol ?? '').toLowerCase() === 'udp') return [];
    if (port.appProtocol !== undefined) {
      return validAppProtocol(port.appProtocol)
        ? []
        : [finding('KIA0602', ctx.ref(svc), `spec/ports[${i}]`)];
    }
    return validPortName(port.name)
      ? []
      : [finding('KIA0601', ctx.ref(svc), `spec/ports[${i}]`)];
  });
}

function exposesPort(
  containerPorts: Array<{ containerPort: number; name?: string }>,
  port: ServicePort,
): boolean {
  if (
    typeof port.targetPort === 'string' &&
    port.targetPort !== '' &&
    !/^\d+$/.test(port.targetPort)
  ) {
    return containerPorts.some(cp => cp.name === port.targetPort);
  }
  const target = Number(port.targetPort);
  const number = Number.isInteger(target) && target > 0 ? target : port.port;
  return containerPorts.some(cp => cp.containerPort === number);
}

function portMappingFindings(ctx: ValidationContext, svc: Service): Finding[] {
  const selector = svc.spec?.selector ?? {};
  if (
    namespaceOf(svc) === ctx.rootNamespace ||
    isGatewayOrWaypoint(svc.metadata.labels ?? {})
  )
    return [];
  if (Object.keys(selector).length === 0) return [];
  // Like Kiali, the first Deployment whose own labels match the selector; Kiali looks in every
  // namespace, we only in the Service's (a Service never selects pods of another namespace).
  const deployment = ctx.objects.deployments.find(
    d =>
      namespaceOf(d) === namespaceOf(svc) &&
      matchesLabels(selector, d.metadata.labels ?? {}),
  );
  if (!deployment) return [];
  const containerPorts = (
    deployment.spec?.template.spec?.containers ?? []
  ).flatMap(c => c.ports ?? []);
  return (svc.spec?.ports ?? []).flatMap((port, i) =>
    exposesPort(containerPorts, port)
      ? []
      : [finding('KIA0701', ctx.ref(svc), `spec/ports[${i}]`)],
  );
}

export const serviceChecker: Checker = {
  name: 'PortMappingChecker',
  codes: ['KIA0601', 'KIA0602', 'KIA0701'],
  check(ctx) {
    return ctx.services.flatMap(svc => [
      ...portNameFindings(ctx, svc),
      ...portMappingFindings(ctx, svc),
    ]);
  },
};
