import { Table, TableColumn } from '@backstage/core-components';
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

const columns: TableColumn<EdgeRow>[] = [
  { title: 'Caller', field: 'caller' },
  { title: 'Callee', field: 'callee' },
  { title: 'Protocol', field: 'protocol' },
  {
    title: 'Rate',
    field: 'rps',
    type: 'numeric',
    // TCP has no requests: show its throughput instead.
    render: row =>
      row.protocol === 'TCP'
        ? formatBytesPerSecond(row.bytesPerSecond ?? 0)
        : formatRps(row.rps),
  },
  {
    title: 'Errors',
    field: 'errorRate',
    type: 'numeric',
    render: row =>
      row.protocol === 'TCP' ? NONE : formatPercent(row.errorRate),
  },
  {
    title: 'p95',
    field: 'p95',
    type: 'numeric',
    render: row => (row.p95 === undefined ? NONE : formatLatency(row.p95)),
  },
  {
    title: 'mTLS',
    field: 'mtls',
    type: 'numeric',
    render: row => (row.mtls === undefined ? NONE : formatPercent(row.mtls)),
  },
];

/**
 * The entity's own traffic as a sortable table, for exact numbers the graph only hints at. A row
 * click selects the edge in the graph (and opens its side panel).
 */
export function MeshEdgeTable({
  graph,
  onSelectEdge,
}: {
  graph: Pick<MeshGraph, 'nodes' | 'edges'>;
  onSelectEdge?: (edgeId: string) => void;
}) {
  const rows = focusEdgeRows(graph);
  if (rows.length === 0) return null;
  return (
    <Table<EdgeRow>
      title="Traffic of this entity's workloads"
      columns={columns}
      data={rows}
      onRowClick={(_event, row) => row && onSelectEdge?.(row.id)}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
