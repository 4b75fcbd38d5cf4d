import {
  MeshConfigRelation,
  MeshValidationSeverity,
} from '@mesh-portal/plugin-mesh-common';

/** Why an object affects the entity, in words. */
export const RELATION_LABELS: Record<MeshConfigRelation, string> = {
  workloadSelector: 'selects its workloads',
  namespace: 'namespace-wide',
  meshWide: 'mesh-wide',
  targetRef: 'targets its workloads',
  host: 'applies to its host',
  route: 'routes to it',
  gatewayBinding: 'gateway in front of it',
  service: 'its Service',
  workload: 'its workload',
};

export const SEVERITY_ORDER: Record<MeshValidationSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};
