import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  formatWindow,
  MeshDependenciesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { dependencyLists } from '../../lib/dependencies';
import { formatBytesPerSecond, formatRps } from '../../lib/format';
import { WindowedResourceView } from '../common/WindowedResourceView';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { MeshGraph, MeshGraphLegend } from '../MeshGraph';
import { DependencyList } from './DependencyList';

const useStyles = makeStyles(
  theme => ({
    counts: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
    lists: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
      gap: theme.spacing(2),
    },
  }),
  { name: 'PluginMeshDependenciesView' },
);

function UnknownPeers({
  peers,
}: {
  peers: MeshDependenciesResponse['unknownPeers'];
}) {
  return (
    <InfoCard
      title={`Unknown peers (${peers.length})`}
      subheader="Workloads that exchange traffic with this entity but that no catalog entity owns: candidates for the catalog."
      noPadding
    >
      <List dense aria-label="Unknown peers">
        {peers.map(peer => (
          <ListItem key={`${peer.direction}:${peer.nodeId}`}>
            <ListItemText
              primary={`${peer.name} (${peer.namespace}, ${peer.cluster})`}
              secondary={`${
                peer.direction === 'outbound'
                  ? 'called by this entity'
                  : 'calls this entity'
              } · ${
                peer.rps === 0 && peer.bytesPerSecond !== undefined
                  ? formatBytesPerSecond(peer.bytesPerSecond)
                  : formatRps(peer.rps)
              }`}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}

const readDependencies = (reader: EntityMeshReader, window: string) =>
  reader.getDependencies(window);

/**
 * Dependencies sub-view: the catalog's declared dependencies against the traffic the mesh sees —
 * undeclared ones (called but not declared), silent ones (declared but not called), unknown
 * peers and deprecated dependencies in use — and the graph with undeclared edges dashed and
 * silent ones greyed.
 */
export function DependenciesView(props: MeshSubViewProps) {
  const classes = useStyles();

  return (
    <WindowedResourceView
      {...props}
      read={readDependencies}
      subject="dependency view"
    >
      {answer => {
        const window = formatWindow(answer.windowSeconds);
        const lists = dependencyLists(answer.dependencies);
        return (
          <>
            <div className={classes.counts} aria-label="Drift counts">
              <Chip
                color={answer.drift.undeclared ? 'secondary' : 'default'}
                label={`${answer.drift.undeclared} undeclared`}
              />
              <Chip label={`${answer.drift.silent} silent`} />
              <Chip label={`${answer.drift.unknownPeers} unknown peers`} />
              <Chip label={`${answer.drift.deprecated} deprecated in use`} />
            </div>
            <div className={classes.lists}>
              <DependencyList
                title="Undeclared"
                guidance={`Seen in traffic over the last ${window} but not declared: add them to spec.dependsOn (or consumesApi) so the catalog shows who depends on whom.`}
                dependencies={lists.undeclared}
                emptyText="Every dependency seen in traffic is declared."
              />
              <DependencyList
                title="Silent"
                guidance={`Declared, but no traffic over the last ${window} (floor ${answer.floorRps} rps): a stale declaration, or a path used rarely.`}
                dependencies={lists.silent}
                emptyText="Every declared dependency carried traffic."
              />
              {lists.deprecated.length > 0 && (
                <DependencyList
                  title="Deprecated in use"
                  guidance="Traffic to or through entities or APIs with lifecycle deprecated: plan the migration."
                  dependencies={lists.deprecated}
                  emptyText=""
                />
              )}
              {answer.unknownPeers.length > 0 && (
                <UnknownPeers peers={answer.unknownPeers} />
              )}
            </div>
            {answer.graph.nodes.length > 0 && (
              <InfoCard title="Declared and observed dependencies" noPadding>
                <MeshGraph
                  graph={answer.graph}
                  edgeLabel="rps"
                  height={480}
                  animateTraffic={false}
                  title={`Dependency graph of ${props.entityTitle}`}
                />
              </InfoCard>
            )}
            <MeshGraphLegend showDrift />
          </>
        );
      }}
    </WindowedResourceView>
  );
}
