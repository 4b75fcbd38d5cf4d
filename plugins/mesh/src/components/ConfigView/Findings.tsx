import Typography from '@material-ui/core/Typography';
import {
  StatusError,
  StatusOK,
  StatusWarning,
  StatusAborted,
} from '@backstage/core-components';
import { MeshValidationCheck } from '@mesh-portal/plugin-mesh-common';
import { SEVERITY_ORDER } from './configLabels';

const SEVERITY_ICONS = {
  error: StatusError,
  warning: StatusWarning,
  info: StatusAborted,
};

/** An object's validation findings, worst first, each with Kiali's code and the offending field. */
export function Findings({ checks }: { checks: MeshValidationCheck[] }) {
  if (checks.length === 0) return <StatusOK>No findings</StatusOK>;
  const sorted = [...checks].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return (
    <ul
      style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}
      aria-label="Findings"
    >
      {sorted.map(check => {
        const Icon = SEVERITY_ICONS[check.severity];
        return (
          <li key={`${check.code}|${check.path}|${check.message}`}>
            <Icon>
              {check.code}: {check.message}
            </Icon>
            {check.path && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                at {check.path}
              </Typography>
            )}
          </li>
        );
      })}
    </ul>
  );
}
