import { memo } from 'react';
import { Handle, NodeProps, Position } from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import FlashOnIcon from '@material-ui/icons/FlashOn';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import NotListedLocationIcon from '@material-ui/icons/NotListedLocation';
import PowerOffIcon from '@material-ui/icons/PowerOff';
import TimerIcon from '@material-ui/icons/Timer';
import RouterIcon from '@material-ui/icons/Router';
import WavesIcon from '@material-ui/icons/Waves';
import { MeshHealth } from '@mesh-portal/plugin-mesh-common';
import { NODE_METRICS as M } from '../../../lib/graphText';
import {
  NODE_KINDS,
  nodeFlags,
  NodeFlagIcon,
  nodeKind,
} from '../../../lib/nodeKinds';
import { MeshFlowNode, MeshFlowNodeData } from '../../../lib/toFlowElements';
import { HEALTH_LABELS, useHealthColors } from '../colors';
import { CatalogLink } from './CatalogLink';
import { NodeShapeGlyph } from './NodeShape';

const useStyles = makeStyles(
  theme => ({
    root: {
      width: '100%',
      height: '100%',
      boxSizing: 'border-box',
      padding: `${M.paddingY}px ${M.paddingX}px`,
      borderRadius: theme.shape.borderRadius,
      border: `${M.border}px solid ${theme.palette.divider}`,
      borderLeftWidth: M.borderLeft,
      background: theme.palette.background.paper,
      color: theme.palette.text.primary,
      display: 'flex',
      flexDirection: 'column',
      // Sizes are measured before layout; never clip, so a font surprise stays visible.
      overflow: 'visible',
      whiteSpace: 'nowrap',
    },
    focus: {
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
    found: {
      boxShadow: `0 0 0 3px ${theme.palette.warning.main}`,
    },
    selected: {
      boxShadow: `0 0 0 3px ${theme.palette.secondary.main}`,
    },
    team: {
      borderStyle: 'dashed',
    },
    titleRow: {
      display: 'flex',
      alignItems: 'center',
      gap: M.gap,
      height: M.titleRowHeight,
    },
    name: {
      fontWeight: theme.typography.fontWeightBold as number,
      fontSize: M.nameFontSize,
    },
    version: {
      fontSize: M.lineFontSize,
      padding: `0 ${M.versionPaddingX}px`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.action.selected,
    },
    flags: {
      display: 'flex',
      color: theme.palette.text.secondary,
      '& svg': { fontSize: M.flagSize },
    },
    line: {
      fontSize: M.lineFontSize,
      lineHeight: `${M.lineHeight}px`,
      height: M.lineHeight,
      color: theme.palette.text.secondary,
    },
    links: {
      display: 'flex',
      gap: M.gap,
    },
    handle: {
      // Edges need handles to attach to, but nobody drags connections in a read-only graph.
      visibility: 'hidden',
    },
  }),
  { name: 'PluginMeshServiceNode' },
);

const FLAG_ICONS: Record<NodeFlagIcon, typeof WavesIcon> = {
  ambient: WavesIcon,
  outOfMesh: LinkOffIcon,
  notInCatalog: NotListedLocationIcon,
  virtualService: RouterIcon,
  faultInjection: FlashOnIcon,
  trafficShifting: CallSplitIcon,
  requestTimeout: TimerIcon,
  circuitBreaker: PowerOffIcon,
};

function healthTooltip(data: MeshFlowNodeData, health: MeshHealth): string {
  const kind = NODE_KINDS[nodeKind(data)].title;
  const where = data.namespace ? ` in ${data.namespace}` : '';
  return [
    `${kind} ${data.label}${where}`,
    HEALTH_LABELS[health.status],
    ...health.reasons,
  ].join(' — ');
}

/**
 * The catalog line of a node: the owning entity and its owner, both links. Team nodes stand for
 * a whole owner, so they link to it alone.
 */
function CatalogLinks({ data }: { data: MeshFlowNodeData }) {
  const classes = useStyles();
  const { entity, owner } = data.text;
  if (!entity && !owner) return null;
  // nodrag/nopan: let the click reach the link instead of panning the canvas.
  return (
    <div className={`${classes.line} ${classes.links}`}>
      {entity && data.entityRef && (
        <CatalogLink className="nodrag nopan" entityRef={data.entityRef} />
      )}
      {owner && data.owner && (
        // The group icon of the link says "owner".
        <CatalogLink
          className="nodrag nopan"
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
  const kind = NODE_KINDS[nodeKind(data)];
  const healthColor = healthColors[data.health.status];

  return (
    // A native tooltip: a MUI one per node costs too much on graphs with hundreds of nodes.
    <div
      title={healthTooltip(data, data.health)}
      className={[
        classes.root,
        data.isFocus && classes.focus,
        data.found && classes.found,
        selected && classes.selected,
        data.nodeType === 'team' && classes.team,
      ]
        .filter(Boolean)
        .join(' ')}
      style={{ borderLeftColor: healthColor }}
      data-testid={`mesh-node-${data.label}`}
      data-health={data.health.status}
      data-focus={data.isFocus}
      data-kind={nodeKind(data)}
    >
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        className={classes.handle}
      />
      <div className={classes.titleRow}>
        <NodeShapeGlyph
          shape={kind.shape}
          color={healthColor}
          stroke="rgba(0,0,0,0.45)"
          size={M.shapeSize}
          title={
            data.serviceEntry
              ? `ServiceEntry ${data.serviceEntry.namespace}/${
                  data.serviceEntry.name
                } (${
                  data.serviceEntry.location
                }): ${data.serviceEntry.hosts.join(', ')}`
              : kind.title
          }
        />
        <span className={classes.name} data-node-name="">
          {data.nodeType === 'entity' && data.entityRef ? (
            <CatalogLink className="nodrag nopan" entityRef={data.entityRef} />
          ) : (
            data.label
          )}
        </span>
        {data.version && (
          <span className={classes.version}>{data.version}</span>
        )}
        {data.text.flags > 0 && (
          <span className={classes.flags}>
            {nodeFlags(data).map(({ icon, title }) => {
              const Icon = FLAG_ICONS[icon];
              return <Icon key={icon} titleAccess={title} />;
            })}
          </span>
        )}
      </div>
      {data.text.namespace && (
        <div className={classes.line}>{data.text.namespace}</div>
      )}
      {data.text.traffic && (
        <div className={classes.line}>{data.text.traffic}</div>
      )}
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
 * A node of the traffic graph: its kind's shape filled with its health colour (health also on
 * the left border, explained in the tooltip), full name, version, namespace, rates, owning
 * catalog entity and owner, mesh and Istio flags. Sized by the layout to hold all of it (see
 * graphText). Memoised because React Flow re-renders nodes on every viewport change.
 */
export const ServiceNode = memo(ServiceNodeComponent);
