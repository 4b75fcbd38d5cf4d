import { memo } from 'react';
import { NodeProps } from '@xyflow/react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MeshGroupFlowNode } from '../../../lib/groupNodes';

const useStyles = makeStyles(
  theme => ({
    root: {
      width: '100%',
      height: '100%',
      boxSizing: 'border-box',
      border: `1px dashed ${theme.palette.text.secondary}`,
      borderRadius: theme.shape.borderRadius * 2,
      background: theme.palette.action.hover,
      padding: theme.spacing(0.75, 1.5),
    },
    title: {
      fontWeight: theme.typography.fontWeightBold as number,
    },
  }),
  { name: 'PluginMeshGroupNode' },
);

function GroupNodeComponent({ data }: NodeProps<MeshGroupFlowNode>) {
  const classes = useStyles();
  return (
    <div className={classes.root} data-testid={`mesh-group-${data.label}`}>
      <Typography variant="caption" className={classes.title}>
        {data.grouping === 'system' ? 'System ' : 'Owner '}
        <EntityRefLink
          className="nodrag nopan"
          entityRef={data.groupRef}
          disableTooltip
        />
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {' '}
        · {data.memberCount} {data.memberCount === 1 ? 'entity' : 'entities'}
      </Typography>
    </div>
  );
}

/** The box around the nodes of one System or owner, titled with a link to it. */
export const GroupNode = memo(GroupNodeComponent);
