import { useMemo, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MeshOverviewResponse,
  MeshPostureResponse,
} from '@mesh-portal/plugin-mesh-common';
import { meshApiRef } from '../../api';
import { useMeshResource } from '../../hooks/useMeshResource';
import { useRollupViewState } from '../../hooks/useRollupViewState';
import { facetOptions, filterEntities } from '../../lib/entityFilters';
import { formatPercent, formatRps } from '../../lib/format';
import { neighbourhood } from '../../lib/nodeCap';
import { DriftSummary } from '../common/DriftSummary';
import { EntityTrafficTable } from '../common/EntityTrafficTable';
import { MeshResourceView } from '../common/MeshResourceView';
import { Figure, Figures } from '../common/PostureSummary';
import { RollupToolbar } from '../common/RollupToolbar';
import { MeshConfigSection } from '../MeshConfigSection';
import { MeshGraphLegend } from '../MeshGraph';
import { CappedMeshGraph } from '../MeshGraph/CappedMeshGraph';
import { GraphSelection } from '../../lib/viewState';
import { EntityFiltersBar } from './EntityFiltersBar';
import { OverviewInsights } from './OverviewInsights';
import { OverviewSelectionPanel } from './OverviewSelectionPanel';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshOverview' },
);

const share = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatPercent(value);

/** The mesh-wide headline figures; namespace modes come from the catalog posture when loaded. */
export function overviewFigures(
  overview: MeshOverviewResponse,
  posture?: MeshPostureResponse,
): Figure[] {
  const { summary } = overview;
  return [
    {
      label: 'services meshed',
      value: `${summary.meshedWorkloads}/${summary.workloads}`,
    },
    { label: 'entities mapped', value: `${summary.entities}` },
    { label: 'traffic', value: formatRps(summary.rps) },
    { label: 'error rate', value: share(summary.errorRate) },
    { label: 'requests over mTLS', value: share(summary.mtlsRequests) },
    { label: 'TCP bytes over mTLS', value: share(summary.mtlsTcp) },
    ...(posture
      ? [
          {
            label: 'namespaces STRICT',
            value: `${posture.posture.namespaces.strict}`,
          },
          {
            label: 'namespaces PERMISSIVE',
            value: `${posture.posture.namespaces.permissive}`,
          },
        ]
      : []),
  ];
}

/**
 * The catalog-wide mesh overview: headline figures, every mapped entity filterable by owner,
 * system, lifecycle, namespace, cluster and health, and the mesh-wide graph grouped by System or
 * owner (narrowed to the filtered entities and their direct peers), and the mesh-wide Istio config.
 */
export function MeshOverviewContent() {
  const classes = useStyles();
  const meshApi = useApi(meshApiRef);
  const [state, update] = useRollupViewState('system');
  const [focus, setFocus] = useState<{ node?: string; all: boolean }>({
    all: false,
  });
  const [selection, setSelection] = useState<GraphSelection>();
  const options = { autoRefresh: state.autoRefresh };
  const overview = useMeshResource(
    () => meshApi.getOverview({ window: state.window }),
    [meshApi, state.window],
    options,
  );
  const posture = useMeshResource(
    () => meshApi.getCatalogPosture({ window: state.window }),
    [meshApi, state.window],
    options,
  );

  const insights = useMeshResource(
    () => meshApi.getInsights({ window: state.window }),
    [meshApi, state.window],
    options,
  );

  // Drift uses the dependencies route's own long default window, not the page's.
  const drift = useMeshResource(
    () => meshApi.getCatalogDependencies(),
    [meshApi],
  );

  const filtered = useMemo(
    () => filterEntities(overview.value?.entities ?? [], state.filters),
    [overview.value, state.filters],
  );
  const filtering = Object.values(state.filters).some(values => values?.length);
  const graph = useMemo(() => {
    if (!overview.value) return undefined;
    if (!filtering) return overview.value.graph;
    const ids = overview.value.graph.nodes
      .filter(node =>
        filtered.some(entity => entity.entityRef === node.entityRef),
      )
      .map(node => node.id);
    return neighbourhood(overview.value.graph, ids, 1);
  }, [overview.value, filtered, filtering]);

  return (
    <div className={classes.root}>
      <RollupToolbar
        state={state}
        update={update}
        resource={overview}
        updatedAt={overview.value?.timestamp}
      />
      <MeshResourceView resource={overview} subject="overview">
        {answer => (
          <>
            <InfoCard title="Mesh summary">
              <Figures figures={overviewFigures(answer, posture.value)} />
            </InfoCard>
            <OverviewInsights resource={insights} />
            <DriftSummary
              title="Dependency drift across the catalog"
              resource={drift}
            />
            <EntityFiltersBar
              options={facetOptions(answer.entities)}
              filters={state.filters}
              onChange={filters => update({ filters })}
            />
            <EntityTrafficTable
              title={`Entities (${filtered.length} of ${answer.entities.length})`}
              entities={filtered}
            />
            {graph && graph.nodes.length > 0 && (
              <InfoCard title="Mesh-wide traffic between entities" noPadding>
                <CappedMeshGraph
                  graph={graph}
                  edgeLabel="rps"
                  height={2400}
                  grouping={state.grouping}
                  title="Mesh-wide traffic graph"
                  focusNode={focus.node}
                  showAllNodes={focus.all}
                  onFocusNode={node => setFocus({ node, all: false })}
                  onShowAllNodes={() => setFocus({ all: true })}
                  selection={selection}
                  onSelect={setSelection}
                  aside={
                    selection && (
                      <OverviewSelectionPanel
                        graph={graph}
                        selection={selection}
                        onClose={() => setSelection(undefined)}
                      />
                    )
                  }
                />
              </InfoCard>
            )}
            <MeshGraphLegend />
            <MeshConfigSection />
          </>
        )}
      </MeshResourceView>
    </div>
  );
}
