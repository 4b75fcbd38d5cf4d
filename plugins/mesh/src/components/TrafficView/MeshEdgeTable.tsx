import { KeyboardEvent, useMemo, useState } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from '../../lib/format';

interface EdgeRow {
  id: string;
  caller: string;
  callee: string;
  protocol: string;
  rps: number;
  bytesPerSecond?: number;
  errorRate: number;
  p95?: number;
  mtls?: number;
}

const nodeName = (node?: MeshNode) =>
  node ? `${node.name} (${node.namespace})` : 'unknown';

/** Edges into or out of the entity's own workloads, busiest first. */
export function focusEdgeRows(
  graph: Pick<MeshGraph, 'nodes' | 'edges'>,
): EdgeRow[] {
  const nodes = new Map(graph.nodes.map(node => [node.id, node]));
  return graph.edges
    .filter(
      edge =>
        nodes.get(edge.source)?.isFocus || nodes.get(edge.target)?.isFocus,
    )
    .map(edge => ({
      id: edge.id,
      caller: nodeName(nodes.get(edge.source)),
      callee: nodeName(nodes.get(edge.target)),
      protocol: edge.protocol.toUpperCase(),
      rps: edge.rps,
      bytesPerSecond: edge.bytesPerSecond,
      errorRate: edge.errorRate,
      p95: edge.latency?.p95,
      mtls: edge.mtls,
    }))
    .sort((a, b) => b.rps - a.rps);
}

const NONE = '—';

interface EdgeColumn {
  title: string;
  field: keyof EdgeRow;
  numeric?: boolean;
  render?: (row: EdgeRow) => string;
}

const columns: EdgeColumn[] = [
  { title: 'Caller', field: 'caller' },
  { title: 'Callee', field: 'callee' },
  { title: 'Protocol', field: 'protocol' },
  {
    title: 'Rate',
    field: 'rps',
    numeric: true,
    // TCP has no requests: show its throughput instead.
    render: row =>
      row.protocol === 'TCP'
        ? formatBytesPerSecond(row.bytesPerSecond ?? 0)
        : formatRps(row.rps),
  },
  {
    title: 'Errors',
    field: 'errorRate',
    numeric: true,
    render: row =>
      row.protocol === 'TCP' ? NONE : formatPercent(row.errorRate),
  },
  {
    title: 'p95',
    field: 'p95',
    numeric: true,
    render: row => (row.p95 === undefined ? NONE : formatLatency(row.p95)),
  },
  {
    title: 'mTLS',
    field: 'mtls',
    numeric: true,
    render: row => (row.mtls === undefined ? NONE : formatPercent(row.mtls)),
  },
];

type Order = { field: keyof EdgeRow; direction: 'asc' | 'desc' };

/** Missing values (no p95, no mTLS figure) sort below every value, whichever the direction. */
function sortRows(rows: EdgeRow[], { field, direction }: Order): EdgeRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (x === undefined || y === undefined) {
      return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    }
    return (
      sign *
      (typeof x === 'number'
        ? x - (y as number)
        : String(x).localeCompare(String(y)))
    );
  });
}

const useStyles = makeStyles(
  theme => ({
    row: {
      cursor: 'pointer',
      '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
    },
  }),
  { name: 'PluginMeshEdgeTable' },
);

/**
 * The entity's own traffic as a sortable table (busiest first), for exact numbers the graph only
 * hints at. A row click (or Enter on a focused row) selects the edge in the graph and opens its
 * side panel. A plain MUI table: the catalog Table (material-table) re-renders itself once more
 * as it mounts, which for these few rows cost ~60 ms in the task that starts the graph's layout
 * (`npm run bench:ui`).
 */
export function MeshEdgeTable({
  graph,
  onSelectEdge,
}: {
  graph: Pick<MeshGraph, 'nodes' | 'edges'>;
  onSelectEdge?: (edgeId: string) => void;
}) {
  const classes = useStyles();
  const [order, setOrder] = useState<Order>({
    field: 'rps',
    direction: 'desc',
  });
  const rows = useMemo(
    () => sortRows(focusEdgeRows(graph), order),
    [graph, order],
  );
  if (rows.length === 0) return null;
  const sortBy = (field: keyof EdgeRow) =>
    setOrder(current => ({
      field,
      direction:
        current.field === field && current.direction === 'desc'
          ? 'asc'
          : 'desc',
    }));
  const onKeyDown = (event: KeyboardEvent, row: EdgeRow) => {
    if (event.key === 'Enter') onSelectEdge?.(row.id);
  };
  return (
    <InfoCard title="Traffic of this entity's workloads" noPadding>
      <Table size="small" aria-label="Traffic of this entity's workloads">
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell
                key={column.field}
                align={column.numeric ? 'right' : 'left'}
                sortDirection={
                  order.field === column.field ? order.direction : false
                }
              >
                <TableSortLabel
                  active={order.field === column.field}
                  direction={
                    order.field === column.field ? order.direction : 'desc'
                  }
                  onClick={() => sortBy(column.field)}
                >
                  {column.title}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow
              key={row.id}
              hover
              tabIndex={onSelectEdge ? 0 : undefined}
              className={onSelectEdge ? classes.row : undefined}
              onClick={() => onSelectEdge?.(row.id)}
              onKeyDown={event => onKeyDown(event, row)}
            >
              {columns.map(column => (
                <TableCell
                  key={column.field}
                  align={column.numeric ? 'right' : 'left'}
                >
                  {column.render
                    ? column.render(row)
                    : String(row[column.field])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
