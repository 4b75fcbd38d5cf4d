import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  formatWindow,
  MeshDependenciesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { MeshResource } from '../../hooks/useMeshResource';
import { Figures } from './PostureSummary';

/**
 * Dependency drift counts (catalog vs mesh) for a team or the whole catalog. The figures come from
 * the dependencies route over its own, long window (default 7 days), not the page's window:
 * silence only means something over days.
 */
export function DriftSummary({
  title,
  resource,
}: {
  title: string;
  resource: MeshResource<MeshDependenciesResponse>;
}) {
  if (resource.error)
    return (
      <ResponseErrorPanel
        error={resource.error}
        title={`${title}: not available`}
      />
    );
  if (!resource.value) return <Progress />;
  const { drift, windowSeconds } = resource.value;
  return (
    <InfoCard title={title}>
      <Figures
        figures={[
          { label: 'undeclared dependencies', value: String(drift.undeclared) },
          {
            label: 'silent declared dependencies',
            value: String(drift.silent),
          },
          {
            label: 'workloads not in the catalog',
            value: String(drift.unknownPeers),
          },
          {
            label: 'deprecated entities in use',
            value: String(drift.deprecated),
          },
        ]}
      />
      <Typography variant="caption" color="textSecondary">
        Catalog relations (dependsOn, APIs) against mesh traffic over the last{' '}
        {formatWindow(windowSeconds)}; details on each Component&apos;s Mesh →
        Dependencies tab.
      </Typography>
    </InfoCard>
  );
}
