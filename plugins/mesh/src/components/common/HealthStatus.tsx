import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { MeshHealthStatus } from '@mesh-portal/plugin-mesh-common';
import { HEALTH_LABELS } from '../MeshGraph/colors';

const STATUS_ICONS: Record<MeshHealthStatus, typeof StatusOK> = {
  healthy: StatusOK,
  degraded: StatusWarning,
  failure: StatusError,
  'not-ready': StatusPending,
  'no-data': StatusAborted,
};

/** A health status as Backstage shows statuses: coloured dot and word. */
export function HealthStatus({ status }: { status: MeshHealthStatus }) {
  const Icon = STATUS_ICONS[status];
  return <Icon>{HEALTH_LABELS[status]}</Icon>;
}
