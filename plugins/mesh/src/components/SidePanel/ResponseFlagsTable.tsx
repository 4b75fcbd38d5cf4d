import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { responseFlagInfo } from '@mesh-portal/plugin-mesh-common';
import { formatRps } from '../../lib/format';

/**
 * Why requests ended as they did, from Envoy's response flags (circuit breaker, timeout, retries,
 * no healthy upstream, injected fault, …) with their rate. Injected faults are marked: Istio made
 * them on purpose, the service did not fail.
 */
export function ResponseFlagsTable({
  flags,
}: {
  flags: Record<string, number> | undefined;
}) {
  const rows = Object.entries(flags ?? {})
    .filter(([, rps]) => rps > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rows.length === 0) return null;
  return (
    <Table size="small" aria-label="Response flags">
      <TableHead>
        <TableRow>
          <TableCell>Flag</TableCell>
          <TableCell>Why</TableCell>
          <TableCell align="right">Rate</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([flag, rps]) => {
          const info = responseFlagInfo(flag);
          return (
            <TableRow key={flag}>
              <TableCell>{flag}</TableCell>
              <TableCell>
                <Typography variant="body2">{info.meaning}</Typography>
                {info.injected && (
                  <Typography variant="caption" color="textSecondary">
                    injected on purpose: not a failure of the service
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{formatRps(rps)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
