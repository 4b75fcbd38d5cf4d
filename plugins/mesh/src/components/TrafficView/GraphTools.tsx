import { KeyboardEvent, useEffect, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { FIND_OPERANDS } from '../../lib/graphFind/evaluate';
import { EdgeLabelMetric } from '../../lib/toFlowElements';
import { EntityMeshViewState } from '../../lib/viewState';
import { EDGE_LABEL_CHOICES } from './TrafficToolbar';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: theme.spacing(2),
    },
    expression: { minWidth: 260, flex: '1 1 260px' },
    select: { minWidth: 160 },
  }),
  { name: 'PluginMeshGraphTools' },
);

const HELP =
  `Node operands: ${FIND_OPERANDS.node.join(
    ', ',
  )}; ${FIND_OPERANDS.nodeUnary.join(', ')}. ` +
  `Edge operands: ${FIND_OPERANDS.edge.join(
    ', ',
  )}; ${FIND_OPERANDS.edgeUnary.join(', ')}. ` +
  'Join with AND, OR, NOT and parentheses, e.g. "%error > 5 OR rt > 500ms".';

/** An expression field that applies its text on Enter or when it loses focus. */
function ExpressionField({
  label,
  value,
  error,
  placeholder,
  onApply,
}: {
  label: string;
  value?: string;
  error?: string;
  placeholder: string;
  onApply: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => {
    if (text.trim() !== (value ?? '')) onApply(text.trim() || undefined);
  };
  return (
    <TextField
      className={classes.expression}
      label={label}
      value={text}
      size="small"
      variant="outlined"
      placeholder={placeholder}
      error={Boolean(error)}
      helperText={error ?? 'Enter to apply'}
      title={HELP}
      onChange={event => setText(event.target.value)}
      onBlur={apply}
      onKeyDown={(event: KeyboardEvent) => event.key === 'Enter' && apply()}
      inputProps={{ 'aria-label': label, spellCheck: false }}
    />
  );
}

export interface GraphToolsProps {
  state: Pick<
    EntityMeshViewState,
    'find' | 'hide' | 'hideIdle' | 'animate' | 'edgeLabel' | 'secondEdgeLabel'
  >;
  update: (patch: Partial<EntityMeshViewState>) => void;
  findError?: string;
  hideError?: string;
  /** What hide and hide-idle removed, to say so. */
  hidden?: { nodes: number; edges: number };
}

/**
 * Kiali's graph tools: find (highlight) and hide expressions, hiding idle edges and nodes, a
 * second edge label, and the traffic animation switch.
 */
export function GraphTools({
  state,
  update,
  findError,
  hideError,
  hidden,
}: GraphToolsProps) {
  const classes = useStyles();
  const hiddenText =
    hidden && (hidden.nodes || hidden.edges)
      ? `${hidden.nodes} nodes and ${hidden.edges} edges hidden`
      : undefined;
  return (
    <div className={classes.root} role="search" aria-label="Graph tools">
      <ExpressionField
        label="Find"
        value={state.find}
        error={findError}
        placeholder="e.g. %error > 1 OR rt > 500ms"
        onApply={find => update({ find })}
      />
      <ExpressionField
        label="Hide"
        value={state.hide}
        error={hideError}
        placeholder="e.g. namespace = istio-system OR unknown"
        onApply={hide => update({ hide })}
      />
      <TextField
        select
        size="small"
        variant="outlined"
        className={classes.select}
        label="Second edge label"
        value={state.secondEdgeLabel ?? ''}
        onChange={event =>
          update({
            secondEdgeLabel:
              (event.target.value as EdgeLabelMetric) || undefined,
          })
        }
        helperText={hiddenText ?? ' '}
      >
        <MenuItem value="">None</MenuItem>
        {EDGE_LABEL_CHOICES.filter(c => c.value !== state.edgeLabel).map(
          choice => (
            <MenuItem key={choice.value} value={choice.value}>
              {choice.label}
            </MenuItem>
          ),
        )}
      </TextField>
      <FormControlLabel
        control={
          <Switch
            checked={state.hideIdle}
            onChange={(_e, hideIdle) => update({ hideIdle })}
          />
        }
        label="Hide idle"
      />
      <FormControlLabel
        control={
          <Switch
            checked={state.animate}
            onChange={(_e, animate) => update({ animate })}
          />
        }
        label="Traffic animation"
      />
    </div>
  );
}
