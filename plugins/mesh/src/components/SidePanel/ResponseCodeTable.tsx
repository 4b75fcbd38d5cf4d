import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatPercent, formatRps } from '../../lib/format';
import { ResponseCodeShare } from '../../lib/seriesRows';

const codeLabel = (code: string) => (code === '-' ? 'no response' : code);

/** Response codes with their rate and share; error codes flagged so they stand out. */
export function ResponseCodeTable({ shares }: { shares: ResponseCodeShare[] }) {
  if (shares.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No responses in the window.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Response codes">
      <TableHead>
        <TableRow>
          <TableCell>Code</TableCell>
          <TableCell align="right">Rate</TableCell>
          <TableCell align="right">Share</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {shares.map(share => (
          <TableRow key={share.code}>
            <TableCell>
              <Typography
                variant="body2"
                color={share.isError ? 'error' : 'textPrimary'}
              >
                {codeLabel(share.code)}
                {share.isError && ' (error)'}
              </Typography>
            </TableCell>
            <TableCell align="right">{formatRps(share.rps)}</TableCell>
            <TableCell align="right">{formatPercent(share.share)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
