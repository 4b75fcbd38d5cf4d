import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { MeshEntityTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { formatMicros } from '../../lib/traces';

export interface TraceListProps {
  traces: MeshEntityTraceSummary[];
  selectedTraceId?: string;
  onSelect: (traceId: string) => void;
}

const ONE_LINE = {
  display: 'block',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;

const columns: TableColumn<MeshEntityTraceSummary>[] = [
  {
    title: 'Started',
    field: 'startTimeMicros',
    defaultSort: 'desc',
    render: t => new Date(t.startTimeMicros / 1000).toLocaleTimeString(),
  },
  {
    title: 'Root',
    field: 'rootServiceName',
    // One line each for service and operation, cut with an ellipsis; the full text on hover.
    render: t => (
      <div
        title={`${t.rootServiceName}: ${t.rootOperationName}`}
        style={{ maxWidth: 320 }}
      >
        <div style={ONE_LINE}>{t.rootServiceName}</div>
        <Typography variant="caption" color="textSecondary" style={ONE_LINE}>
          {t.rootOperationName}
        </Typography>
      </div>
    ),
  },
  {
    title: 'Duration',
    field: 'durationMicros',
    type: 'numeric',
    render: t => formatMicros(t.durationMicros),
  },
  { title: 'Spans', field: 'spanCount', type: 'numeric' },
  {
    title: 'Errors',
    field: 'errorCount',
    type: 'numeric',
    render: t => (
      <Typography
        variant="body2"
        color={t.errorCount > 0 ? 'error' : 'textPrimary'}
      >
        {t.errorCount}
      </Typography>
    ),
  },
  {
    title: 'Services',
    field: 'services',
    render: t => (
      <span title={t.services.join('\n')}>
        {t.services.length}
        {t.partial ? '+' : ''} services
      </span>
    ),
  },
  {
    title: 'Trace',
    field: 'traceId',
    render: t =>
      t.webUrl ? (
        <Link
          href={t.webUrl}
          target="_blank"
          rel="noopener"
          onClick={e => e.stopPropagation()}
        >
          {t.traceId.slice(0, 12)}… (open in tracing UI)
        </Link>
      ) : (
        <code>{t.traceId.slice(0, 12)}…</code>
      ),
  },
];

/** The traces as a searchable, sortable list; a row click opens the trace's waterfall. */
export function TraceList({
  traces,
  selectedTraceId,
  onSelect,
}: TraceListProps) {
  return (
    <Table<MeshEntityTraceSummary>
      title={`Traces (${traces.length})`}
      columns={columns}
      data={traces}
      onRowClick={(_event, trace) => trace && onSelect(trace.traceId)}
      options={{
        paging: traces.length > 10,
        pageSize: 10,
        search: true,
        padding: 'dense',
        rowStyle: (trace: MeshEntityTraceSummary) =>
          trace.traceId === selectedTraceId
            ? { fontWeight: 'bold', background: 'rgba(127,127,127,0.15)' }
            : {},
      }}
    />
  );
}
