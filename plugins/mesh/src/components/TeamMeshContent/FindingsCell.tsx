import Typography from '@material-ui/core/Typography';
import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { MeshValidationSummary } from '@mesh-portal/plugin-mesh-common';

/** A Component's config findings in one cell: loading, failed, none, or counts by severity. */
export function FindingsCell({
  findings,
}: {
  findings?: MeshValidationSummary | Error;
}) {
  if (!findings)
    return (
      <Typography variant="caption" color="textSecondary">
        loading…
      </Typography>
    );
  if (findings instanceof Error) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        title={findings.message}
      >
        unavailable
      </Typography>
    );
  }
  if (findings.errors > 0)
    return (
      <StatusError>
        {findings.errors} errors, {findings.warnings} warnings
      </StatusError>
    );
  if (findings.warnings > 0)
    return <StatusWarning>{findings.warnings} warnings</StatusWarning>;
  return <StatusOK>none</StatusOK>;
}

/** Sort key: errors weigh more than any number of warnings; unknown sorts last. */
export function findingsWeight(
  findings?: MeshValidationSummary | Error,
): number {
  if (!findings || findings instanceof Error) return -1;
  return findings.errors * 1000 + findings.warnings;
}
