import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MeshEntityTraffic } from '@mesh-portal/plugin-mesh-common';
import { meshApiRef } from '../../api';
import { useComponentFindings } from '../../hooks/useComponentFindings';
import { useMeshResource } from '../../hooks/useMeshResource';
import { useRollupViewState } from '../../hooks/useRollupViewState';
import { DriftSummary } from '../common/DriftSummary';
import { EntityTrafficTable } from '../common/EntityTrafficTable';
import { MeshResourceView } from '../common/MeshResourceView';
import { PostureSummary } from '../common/PostureSummary';
import { RollupToolbar } from '../common/RollupToolbar';
import { MeshGraph, MeshGraphLegend } from '../MeshGraph';
import { FindingsCell, findingsWeight } from './FindingsCell';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshTeamContent' },
);

/**
 * Group page tab: every Component the team owns (directly and through sub-groups) with health,
 * traffic, errors, latency, mTLS coverage and config findings, the team's security posture, and
 * the team's services as one graph with other teams folded into one node each.
 */
export function EntityTeamMeshContent() {
  const classes = useStyles();
  const { entity } = useEntity();
  const meshApi = useApi(meshApiRef);
  const groupRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const teamName = entity.metadata.title ?? entity.metadata.name;
  const [state, update] = useRollupViewState('none');
  const options = { autoRefresh: state.autoRefresh };
  const team = useMeshResource(
    () => meshApi.getTeam(groupRef, { window: state.window }),
    [meshApi, groupRef, state.window],
    options,
  );
  const posture = useMeshResource(
    () => meshApi.getEntityPosture(groupRef, { window: state.window }),
    [meshApi, groupRef, state.window],
    options,
  );
  // Drift uses the dependencies route's own long default window, not the page's.
  const drift = useMeshResource(
    () => meshApi.getEntityDependencies(groupRef),
    [meshApi, groupRef],
  );
  const findings = useComponentFindings(
    team.value?.components.map(c => c.entityRef) ?? [],
  );

  const findingsColumn: TableColumn<MeshEntityTraffic> = {
    title: 'Config findings',
    customSort: (a, b) =>
      findingsWeight(findings?.get(a.entityRef)) -
      findingsWeight(findings?.get(b.entityRef)),
    render: e => <FindingsCell findings={findings?.get(e.entityRef)} />,
  };

  return (
    <div className={classes.root}>
      <RollupToolbar
        state={state}
        update={update}
        resource={team}
        updatedAt={team.value?.timestamp}
      />
      <MeshResourceView resource={team} subject="team view">
        {answer =>
          answer.components.length === 0 ? (
            <EmptyState
              missing="data"
              title={`No component of ${teamName} is in the mesh`}
              description="None of the Components this group owns (directly or through sub-groups) carries a backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation, so none maps to workloads."
            />
          ) : (
            <>
              {posture.error && <ResponseErrorPanel error={posture.error} />}
              {!posture.error && !posture.value && <Progress />}
              {posture.value && (
                <PostureSummary
                  title={`Mesh posture of ${teamName}`}
                  posture={posture.value}
                />
              )}
              <DriftSummary
                title={`Dependency drift of ${teamName}`}
                resource={drift}
              />
              <EntityTrafficTable
                title={`Services of ${teamName} (${answer.components.length})`}
                entities={answer.components}
                extraColumns={[findingsColumn]}
                showOwner={answer.groups.length > 1}
              />
              <InfoCard title={`Traffic of ${teamName}'s services`} noPadding>
                <MeshGraph
                  graph={answer.graph}
                  edgeLabel="rps"
                  height={1400}
                  grouping={state.grouping}
                  title={`Traffic graph of ${teamName}`}
                />
              </InfoCard>
              <Typography variant="caption" color="textSecondary">
                Other teams&apos; services are folded into one node per owning
                team.
              </Typography>
              <MeshGraphLegend />
            </>
          )
        }
      </MeshResourceView>
    </div>
  );
}
