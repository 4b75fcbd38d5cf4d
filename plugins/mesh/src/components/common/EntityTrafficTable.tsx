import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MESH_HEALTH_PRIORITY,
  MeshEntityTraffic,
} from '@mesh-portal/plugin-mesh-common';
import { formatLatency, formatPercent, formatRps } from '../../lib/format';
import { HealthStatus } from './HealthStatus';

const NONE = '—';

/** Nulls sort below every number, whichever the direction, as "unknown" rather than "zero". */
const byNullable =
  (key: 'errorRateIn' | 'p95In' | 'mtlsIn') =>
  (a: MeshEntityTraffic, b: MeshEntityTraffic) =>
    (a[key] ?? -1) - (b[key] ?? -1);

/** Initial order: the entities that need attention on top, then the busiest. */
function worstFirst(a: MeshEntityTraffic, b: MeshEntityTraffic): number {
  return (
    MESH_HEALTH_PRIORITY[b.health] - MESH_HEALTH_PRIORITY[a.health] ||
    b.rpsIn - a.rpsIn
  );
}

export interface EntityTrafficTableProps {
  title: string;
  entities: MeshEntityTraffic[];
  /** Extra columns (the team view adds config findings). */
  extraColumns?: TableColumn<MeshEntityTraffic>[];
  showOwner?: boolean;
}

/**
 * Mapped entities with their health, traffic, error rate, latency and mTLS coverage, sortable by
 * each. Links go to the entity, its owner and its System.
 */
export function EntityTrafficTable({
  title,
  entities,
  extraColumns = [],
  showOwner = true,
}: EntityTrafficTableProps) {
  const columns: TableColumn<MeshEntityTraffic>[] = [
    {
      title: 'Entity',
      field: 'name',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
      render: e => <EntityRefLink entityRef={e.entityRef} title={e.title} />,
    },
    ...(showOwner
      ? [
          {
            title: 'Owner',
            field: 'owner',
            render: (e: MeshEntityTraffic) =>
              e.owner ? (
                <EntityRefLink entityRef={e.owner} defaultKind="group" />
              ) : (
                NONE
              ),
          },
        ]
      : []),
    {
      title: 'System',
      field: 'system',
      render: e =>
        e.system ? (
          <EntityRefLink entityRef={e.system} defaultKind="system" />
        ) : (
          NONE
        ),
    },
    {
      title: 'Namespaces',
      field: 'namespaces',
      render: e => e.namespaces.join(', ') || NONE,
    },
    {
      title: 'Health',
      field: 'health',
      cellStyle: { whiteSpace: 'nowrap' },
      customSort: (a, b) =>
        MESH_HEALTH_PRIORITY[a.health] - MESH_HEALTH_PRIORITY[b.health],
      render: e => <HealthStatus status={e.health} />,
    },
    {
      title: 'Requests in',
      field: 'rpsIn',
      type: 'numeric',
      render: e => formatRps(e.rpsIn),
    },
    {
      title: 'Error rate',
      field: 'errorRateIn',
      type: 'numeric',
      customSort: byNullable('errorRateIn'),
      render: e =>
        e.errorRateIn === null ? (
          NONE
        ) : (
          <Typography
            variant="body2"
            color={e.errorRateIn >= 0.1 ? 'error' : 'textPrimary'}
          >
            {formatPercent(e.errorRateIn)}
          </Typography>
        ),
    },
    {
      title: 'p95',
      field: 'p95In',
      type: 'numeric',
      customSort: byNullable('p95In'),
      render: e => (e.p95In === null ? NONE : formatLatency(e.p95In)),
    },
    {
      title: 'mTLS in',
      field: 'mtlsIn',
      type: 'numeric',
      customSort: byNullable('mtlsIn'),
      render: e => (e.mtlsIn === null ? NONE : formatPercent(e.mtlsIn)),
    },
    {
      title: 'Meshed',
      field: 'meshedWorkloads',
      type: 'numeric',
      render: e => `${e.meshedWorkloads}/${e.workloads}`,
    },
    ...extraColumns,
  ];
  return (
    <Table<MeshEntityTraffic>
      title={title}
      columns={columns}
      data={[...entities].sort(worstFirst)}
      options={{
        paging: entities.length > 50,
        pageSize: 50,
        padding: 'dense',
        search: true,
      }}
    />
  );
}
