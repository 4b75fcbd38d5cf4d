import { memo } from 'react';
import { Handle, NodeProps, Position } from '@xyflow/react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import InputIcon from '@material-ui/icons/Input';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import PublicIcon from '@material-ui/icons/Public';
import WavesIcon from '@material-ui/icons/Waves';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MeshHealth } from '@internal/plugin-mesh-common';
import { formatRps } from '../../../lib/format';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../lib/layout';
import { MeshFlowNode, MeshFlowNodeData } from '../../../lib/toFlowElements';
import { HEALTH_LABELS, useHealthColors } from '../colors';

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
    titleRow: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      minWidth: 0,
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
    data.nodeType === 'external' && {
      title: 'Outside the mesh (external service)',
      Icon: PublicIcon,
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

function ServiceNodeComponent({ data }: NodeProps<MeshFlowNode>) {
  const classes = useStyles();
  const healthColors = useHealthColors();
  const traffic = [
    data.rpsIn !== undefined && `in ${formatRps(data.rpsIn)}`,
    data.rpsOut !== undefined && `out ${formatRps(data.rpsOut)}`,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <Tooltip title={healthTooltip(data.health)} placement="top">
      <div
        className={`${classes.root} ${data.isFocus ? classes.focus : ''}`}
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
          <Typography className={classes.name} noWrap title={data.label}>
            {data.label}
          </Typography>
          {data.version && (
            <span className={classes.version}>{data.version}</span>
          )}
          <span className={classes.flags}>
            <NodeFlags data={data} />
          </span>
        </div>
        <Typography variant="caption" className={classes.secondary} noWrap>
          {data.namespace}
          {traffic && ` · ${traffic}`}
        </Typography>
        {data.entityRef && (
          <Typography variant="caption" noWrap>
            {/* nodrag/nopan: let the click reach the link instead of panning the canvas */}
            <EntityRefLink
              className="nodrag nopan"
              entityRef={data.entityRef}
              disableTooltip
            />
          </Typography>
        )}
        <Handle
          type="source"
          position={Position.Right}
          isConnectable={false}
          className={classes.handle}
        />
      </div>
    </Tooltip>
  );
}

/**
 * A workload, app or service of the traffic graph: name, version, namespace, owning catalog
 * entity, health (left border colour, explained in the tooltip) and mesh flags. Memoised because
 * React Flow re-renders nodes on every viewport change.
 */
export const ServiceNode = memo(ServiceNodeComponent);
