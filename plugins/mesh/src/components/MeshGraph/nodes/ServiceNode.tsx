import { memo } from 'react';
import { Handle, NodeProps, Position } from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';
import GroupIcon from '@material-ui/icons/Group';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import InputIcon from '@material-ui/icons/Input';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import NotListedLocationIcon from '@material-ui/icons/NotListedLocation';
import PublicIcon from '@material-ui/icons/Public';
import VisibilityOffIcon from '@material-ui/icons/VisibilityOff';
import WavesIcon from '@material-ui/icons/Waves';
import { MeshHealth } from '@mesh-portal/plugin-mesh-common';
import { formatRps } from '../../../lib/format';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../lib/layout';
import { MeshFlowNode, MeshFlowNodeData } from '../../../lib/toFlowElements';
import { HEALTH_LABELS, useHealthColors } from '../colors';
import { CatalogLink } from './CatalogLink';

const useStyles = makeStyles(
  theme => ({
    root: {
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      boxSizing: 'border-box',
      padding: theme.spacing(0.75, 1, 0.75, 1.25),
      borderRadius: theme.shape.borderRadius,
      border: `1px solid ${theme.palette.divider}`,
      borderLeftWidth: 6,
      background: theme.palette.background.paper,
      color: theme.palette.text.primary,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'center',
      overflow: 'hidden',
    },
    focus: {
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
    selected: {
      boxShadow: `0 0 0 3px ${theme.palette.secondary.main}`,
    },
    team: {
      borderStyle: 'dashed',
    },
    links: {
      display: 'flex',
      gap: theme.spacing(0.75),
      minWidth: 0,
      '& > *': { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' },
    },
    titleRow: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      minWidth: 0,
    },
    // Plain elements with Typography's font settings: hundreds of Typography components per
    // graph cost noticeable paint time.
    noWrap: {
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    caption: {
      fontSize: theme.typography.caption.fontSize,
      lineHeight: theme.typography.caption.lineHeight,
    },
    name: {
      fontWeight: theme.typography.fontWeightBold as number,
      fontSize: theme.typography.body2.fontSize,
      flex: '0 1 auto',
      minWidth: 0,
    },
    version: {
      fontSize: theme.typography.caption.fontSize,
      padding: theme.spacing(0, 0.5),
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.action.selected,
      flexShrink: 0,
    },
    flags: {
      marginLeft: 'auto',
      display: 'flex',
      flexShrink: 0,
      color: theme.palette.text.secondary,
      '& svg': { fontSize: 16 },
    },
    secondary: {
      color: theme.palette.text.secondary,
      lineHeight: 1.4,
    },
    handle: {
      // Edges need handles to attach to, but nobody drags connections in a read-only graph.
      visibility: 'hidden',
    },
  }),
  { name: 'PluginMeshServiceNode' },
);

/**
 * Icons for the node's kind and mesh membership. `titleAccess` gives each a native tooltip and
 * an accessible name saying what it means.
 */
function NodeFlags({ data }: { data: MeshFlowNodeData }) {
  const flags = [
    data.isGateway && { title: 'Istio gateway', Icon: InputIcon },
    data.isAmbient && { title: 'Ambient mode (ztunnel)', Icon: WavesIcon },
    data.isOutOfMesh && {
      title: 'Out of mesh: no sidecar and no ambient capture',
      Icon: LinkOffIcon,
    },
    data.nodeType === 'unknown' && {
      title: 'Unknown client: traffic without mesh identity',
      Icon: HelpOutlineIcon,
    },
    data.nodeType === 'external' &&
      !data.serviceEntry && {
        title: 'Outside the mesh (external service)',
        Icon: PublicIcon,
      },
    data.nodeType === 'team' && {
      title: "Another team's services",
      Icon: GroupIcon,
    },
    data.serviceEntry && {
      title: `ServiceEntry ${data.serviceEntry.namespace}/${
        data.serviceEntry.name
      } (${data.serviceEntry.location}): ${data.serviceEntry.hosts.join(', ')}`,
      Icon: PublicIcon,
    },
    data.isRestricted && {
      title: 'Restricted: belongs to an entity you may not read',
      Icon: VisibilityOffIcon,
    },
    !data.entityRef &&
      !data.isRestricted &&
      data.nodeType !== 'team' &&
      data.nodeType !== 'unknown' &&
      data.nodeType !== 'external' && {
        title: 'Not in the catalog: no entity maps to this workload',
        Icon: NotListedLocationIcon,
      },
  ].filter(Boolean) as Array<{ title: string; Icon: typeof InputIcon }>;

  return (
    <>
      {flags.map(({ title, Icon }) => (
        <Icon key={title} titleAccess={title} />
      ))}
    </>
  );
}

function healthTooltip(health: MeshHealth): string {
  return [HEALTH_LABELS[health.status], ...health.reasons].join(' — ');
}

/**
 * The catalog line of a node: the owning entity and its owner, both links. Team nodes stand for
 * a whole owner, so they link to it alone.
 */
function CatalogLinks({ data }: { data: MeshFlowNodeData }) {
  const classes = useStyles();
  // nodrag/nopan: let the click reach the link instead of panning the canvas.
  const linkClass = 'nodrag nopan';
  if (data.nodeType === 'team') {
    return data.owner ? (
      <div className={`${classes.caption} ${classes.noWrap} ${classes.links}`}>
        <CatalogLink
          className={linkClass}
          entityRef={data.owner}
          defaultKind="group"
        />
      </div>
    ) : null;
  }
  if (!data.entityRef) return null;
  return (
    <div className={`${classes.caption} ${classes.noWrap} ${classes.links}`}>
      {data.nodeType !== 'entity' && (
        <CatalogLink className={linkClass} entityRef={data.entityRef} />
      )}
      {data.owner && (
        // The group icon of the link says "owner"; words would not fit the node's width.
        <CatalogLink
          className={linkClass}
          entityRef={data.owner}
          defaultKind="group"
        />
      )}
    </div>
  );
}

function ServiceNodeComponent({ data, selected }: NodeProps<MeshFlowNode>) {
  const classes = useStyles();
  const healthColors = useHealthColors();
  const traffic = [
    data.rpsIn !== undefined && `in ${formatRps(data.rpsIn)}`,
    data.rpsOut !== undefined && `out ${formatRps(data.rpsOut)}`,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    // A native tooltip: a MUI one per node costs too much on graphs with hundreds of nodes.
    <div
      title={healthTooltip(data.health)}
      className={[
        classes.root,
        data.isFocus && classes.focus,
        selected && classes.selected,
        data.nodeType === 'team' && classes.team,
      ]
        .filter(Boolean)
        .join(' ')}
      style={{ borderLeftColor: healthColors[data.health.status] }}
      data-testid={`mesh-node-${data.label}`}
      data-health={data.health.status}
      data-focus={data.isFocus}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        className={classes.handle}
      />
      <div className={classes.titleRow}>
        <span
          className={`${classes.name} ${classes.noWrap}`}
          title={data.label}
        >
          {data.nodeType === 'entity' && data.entityRef ? (
            <CatalogLink className="nodrag nopan" entityRef={data.entityRef} />
          ) : (
            data.label
          )}
        </span>
        {data.version && (
          <span className={classes.version}>{data.version}</span>
        )}
        <span className={classes.flags}>
          <NodeFlags data={data} />
        </span>
      </div>
      <div
        className={`${classes.caption} ${classes.secondary} ${classes.noWrap}`}
      >
        {data.namespace}
        {traffic && ` · ${traffic}`}
      </div>
      <CatalogLinks data={data} />
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        className={classes.handle}
      />
    </div>
  );
}

/**
 * A workload, app or service of the traffic graph: name, version, namespace, owning catalog
 * entity, health (left border colour, explained in the tooltip) and mesh flags. Memoised because
 * React Flow re-renders nodes on every viewport change.
 */
export const ServiceNode = memo(ServiceNodeComponent);
