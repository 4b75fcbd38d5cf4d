import LinearProgress from '@material-ui/core/LinearProgress';
import { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import {
  MeshSourceError,
  MeshTelemetryFreshness,
} from '@mesh-portal/plugin-mesh-common';
import { MeshResource } from '../../hooks/useMeshResource';
import {
  isMeshNotConfigured,
  MeshNotConfiguredState,
} from './MeshNotConfiguredState';
import { MeshSourceErrors, uniqueSourceErrors } from './MeshSourceErrors';
import { MeshErrorPanel } from './MeshErrorPanel';
import { TelemetryFreshnessNotice } from './TelemetryFreshnessNotice';

export interface MeshResourceViewProps<
  T extends { errors: MeshSourceError[] },
> {
  resource: MeshResource<T>;
  /** What the data is, for the partial-failure warning (`the health may be incomplete`). */
  subject: string;
  children: (value: T) => ReactNode;
}

/**
 * A thin bar while newer data is on its way and the view still shows the previous answer (a
 * refresh, a new window, auto-refresh), so numbers never change without notice.
 */
export function RefetchIndicator({ loading }: { loading: boolean }) {
  return (
    <div style={{ height: 4 }}>
      {loading && <LinearProgress aria-label="Refreshing" title="Refreshing" />}
    </div>
  );
}

/**
 * The three states every mesh view has: progress until the first answer, an error panel when the
 * request failed, otherwise the view with the data sources that failed listed above it — or, when
 * the backend has no cluster configured at all, setup guidance instead of an empty view.
 */
export function MeshResourceView<T extends { errors: MeshSourceError[] }>({
  resource,
  subject,
  children,
}: MeshResourceViewProps<T>) {
  if (resource.error) return <MeshErrorPanel error={resource.error} />;
  if (!resource.value) return <Progress />;
  if (isMeshNotConfigured(resource.value.errors))
    return <MeshNotConfiguredState />;
  return (
    <>
      <RefetchIndicator loading={resource.loading} />
      <MeshSourceErrors
        errors={uniqueSourceErrors(resource.value.errors)}
        subject={subject}
      />
      <TelemetryFreshnessNotice
        telemetry={
          (resource.value as { telemetry?: MeshTelemetryFreshness }).telemetry
        }
      />
      {children(resource.value)}
    </>
  );
}
