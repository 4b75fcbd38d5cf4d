import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { MeshTelemetryFreshness } from '@mesh-portal/plugin-mesh-common';

/** Older than this, the data's age is worth saying (the model refreshes every 30 s by default). */
const STALE_AFTER_SECONDS = 90;

/**
 * What the traffic numbers are made of: nothing yet while the backend's mesh model does its first
 * refresh (a designed state, not an empty graph), or data older than usual when refreshes lag.
 */
export function TelemetryFreshnessNotice({
  telemetry,
}: {
  telemetry?: MeshTelemetryFreshness;
}) {
  if (telemetry?.state === 'warmingUp')
    return (
      <InfoCard title="Collecting the mesh's traffic">
        <Typography variant="body2" role="status">
          The backend is reading the mesh-wide traffic for the first time since
          it started, so rates, errors and latencies are not shown yet. This
          view asks again every few seconds; the first refresh usually takes
          under a minute.
        </Typography>
      </InfoCard>
    );
  const age = telemetry?.dataAgeSeconds;
  if (age === undefined || age < STALE_AFTER_SECONDS || !telemetry?.dataTime)
    return null;
  return (
    <Typography variant="caption" color="textSecondary" role="status">
      Traffic as of {new Date(telemetry.dataTime).toLocaleTimeString()} (
      {Math.round(age / 60)} min ago): the backend's background refresh is
      behind.
    </Typography>
  );
}
