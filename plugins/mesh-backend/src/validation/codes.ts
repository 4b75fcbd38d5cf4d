/*
 * The validation codes we implement, with Kiali's severities and messages (models/istio_validation.go
 * of kiali/kiali, Apache-2.0), so findings read the same as in Kiali.
 */
import {
  MeshObjectRef,
  MeshValidationSeverity,
} from '@mesh-portal/plugin-mesh-common';
import { Finding } from './types';

export const CODES = {
  KIA0002: [
    'error',
    'More than one selector-less object in the same namespace',
  ],
  KIA0003: ['error', 'More than one object applied to the same workload'],
  KIA0004: [
    'warning',
    'No matching workload found for the selector in this namespace',
  ],
  KIA0005: [
    'error',
    'No matching namespace found or namespace is not accessible',
  ],
  KIA0101: ['warning', 'Namespace not found for this rule'],
  KIA0102: ['warning', 'Only HTTP methods and Istio wildcards are allowed'],
  KIA0104: ['error', 'This host has no matching entry in the service registry'],
  KIA0105: ['error', 'This field requires mTLS to be enabled'],
  KIA0106: ['error', 'Service Account not found for this principal'],
  // Kiali's severity is "Unknown" (the principal may exist; it cannot be checked from this cluster);
  // our wire type has no such severity, so it is the mildest one we have.
  KIA0107: ['info', 'Service Account for this principal is on remote cluster'],
  KIA0108: [
    'warning',
    'Unable to verify principal, trust domain is not known to Kiali',
  ],
  KIA0109: [
    'warning',
    'L7 AuthorizationPolicy in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA0110: [
    'warning',
    'L7 AuthorizationPolicy in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  ],
  KIA0201: [
    'warning',
    'More than one DestinationRules for the same host subset combination',
  ],
  KIA0202: [
    'error',
    'This host has no matching entry in the service registry (service, workload or service entries)',
  ],
  KIA0203: ['error', "This subset's labels are not found in any matching host"],
  KIA0205: [
    'error',
    'PeerAuthentication enabling mTLS at mesh level is missing',
  ],
  KIA0206: [
    'error',
    'PeerAuthentication enabling namespace-wide mTLS is missing',
  ],
  KIA0207: [
    'error',
    'PeerAuthentication with TLS strict mode found, it should be permissive',
  ],
  KIA0208: [
    'error',
    'PeerAuthentication enabling mTLS found, permissive mode needed',
  ],
  KIA0209: ['warning', 'This subset has not labels'],
  KIA0204: [
    'warning',
    'mTLS settings of a non-local Destination Rule are overridden',
  ],
  KIA0210: [
    'warning',
    'L7 DestinationRule features in Ambient namespace require waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA0211: [
    'warning',
    'L7 DestinationRule targets a service not enrolled to use a waypoint (istio.io/use-waypoint)',
  ],
  KIA0212: [
    'warning',
    'L7 DestinationRule should be in the same namespace as the Ambient destination service to take effect',
  ],
  KIA0301: [
    'warning',
    'More than one Gateway for the same host port combination',
  ],
  KIA0302: [
    'warning',
    'No matching workload found for gateway selector in this namespace',
  ],
  KIA0401: ['error', 'Mesh-wide Destination Rule enabling mTLS is missing'],
  KIA0501: [
    'error',
    'Destination Rule enabling namespace-wide mTLS is missing',
  ],
  KIA0505: [
    'error',
    'Destination Rule disabling namespace-wide mTLS is missing',
  ],
  KIA0506: ['error', 'Destination Rule disabling mesh-wide mTLS is missing'],
  KIA0601: ['error', 'Port name must follow <protocol>[-suffix] form'],
  KIA0602: ['error', 'Port appProtocol must follow <protocol> form'],
  KIA0701: ['warning', 'Deployment exposing same port as Service not found'],
  KIA1004: [
    'warning',
    'This host has no matching entry in the service registry',
  ],
  KIA1006: [
    'warning',
    'Global default sidecar should not have workloadSelector',
  ],
  KIA1007: [
    'info',
    'OutboundTrafficPolicy with empty mode value is ambiguous due to an Istio limitation. This may indicate ALLOW_ANY or REGISTRY_ONLY. Inspect the value using other means.',
  ],
  KIA1101: [
    'error',
    "DestinationWeight on route doesn't have a valid service (host not found)",
  ],
  KIA1102: ['error', 'VirtualService is pointing to a non-existent gateway'],
  KIA1104: [
    'warning',
    'The weight is assumed to be 100 because there is only one route destination',
  ],
  KIA1105: [
    'warning',
    'This host subset combination is already referenced in another route destination',
  ],
  KIA1106: ['warning', 'More than one Virtual Service for same host'],
  KIA1107: ['warning', 'Subset not found'],
  KIA1108: [
    'info',
    'Preferred nomenclature: <gateway namespace>/<gateway name>',
  ],
  KIA1109: [
    'warning',
    'L7 VirtualService for mesh traffic in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA1110: [
    'warning',
    'RequestAuthentication in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA1111: [
    'warning',
    'WasmPlugin in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA1112: [
    'warning',
    'L7 Telemetry in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  ],
  KIA1113: [
    'warning',
    'L7 VirtualService targets a service not enrolled to use a waypoint (istio.io/use-waypoint)',
  ],
  KIA1114: [
    'warning',
    'L7 VirtualService should be in the same namespace as the Ambient destination service to take effect',
  ],
  KIA1115: [
    'warning',
    'RequestAuthentication in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  ],
  KIA1116: [
    'warning',
    'WasmPlugin in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  ],
  KIA1117: [
    'warning',
    'L7 Telemetry in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  ],
  KIA1211: ['warning', 'More than one ServiceEntry for the same host and port'],
  KIA1212: [
    'warning',
    'ServiceEntries have conflicting protocols for the same host and port',
  ],
  KIA1401: [
    'error',
    'Route is pointing to a non-existent or inaccessible K8s gateway',
  ],
  KIA1402: [
    'error',
    "Reference doesn't have a valid service (Service name not found)",
  ],
  KIA1501: [
    'warning',
    'More than one K8s Gateway for the same host port combination',
  ],
  KIA1502: [
    'warning',
    'More than one K8s Gateway for the same address and type combination',
  ],
  KIA1503: [
    'error',
    'Each listener must have a unique combination of Hostname, Port, and Protocol',
  ],
  // Kiali says "not found in Kiali configuration"; our classes come from mesh.validations or the cluster.
  KIA1504: [
    'error',
    'Gateway API Class not found among the classes Istio implements (configured or discovered)',
  ],
  KIA1601: ['error', 'Namespace is not found or is not accessible'],
  KIA1701: ['warning', 'Service Account not found in this namespace'],
  KIA1702: [
    'warning',
    'More than one Workload Group with duplicate labels found in the same namespace',
  ],
  KIA1301: [
    'warning',
    'This workload is not covered by any authorization policy',
  ],
  KIA1311: ['error', 'This workload has both sidecar and Ambient label'],
  KIA1312: [
    'warning',
    'This workload has waypoint labels but is not in Ambient',
  ],
  KIA1313: [
    'error',
    'This workload has annotated waypoint but it does not exist or is misconfigured',
  ],
  KIA1314: [
    'error',
    'This workload has a sidecar label and ambient redirection',
  ],
  KIA1315: [
    'error',
    'This workload has a pod with both a sidecar container and ambient labels',
  ],
  KIA1316: [
    'warning',
    'This workload has a sidecar but is in an Ambient-enabled namespace',
  ],
  KIA1317: [
    'warning',
    'This workload has L7 Authorization Policies but no Waypoint',
  ],
} as const satisfies Record<string, readonly [MeshValidationSeverity, string]>;

export type ValidationCode = keyof typeof CODES;

/** Builds a finding with the code's severity and message; `severity` overrides it (Kiali downgrades some). */
export function finding(
  code: ValidationCode,
  object: MeshObjectRef,
  path: string,
  severity?: MeshValidationSeverity,
): Finding {
  const [defaultSeverity, message] = CODES[code];
  return { code, severity: severity ?? defaultSeverity, message, path, object };
}
