import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

const useStyles = makeStyles(
  {
    // Labels such as "mTLS" and "p95" lose their meaning in MUI's default upper case.
    toggle: { textTransform: 'none' },
  },
  { name: 'PluginMeshChoiceToggle' },
);

export interface ChoiceToggleProps<T extends string | number> {
  /** Accessible name of the group, e.g. `Edge labels`. */
  label: string;
  value: T;
  choices: ReadonlyArray<{ value: T; label: string; title?: string }>;
  onChange: (value: T) => void;
}

/** A small exclusive button group for a view setting (graph type, edge labels, grouping…). */
export function ChoiceToggle<T extends string | number>({
  label,
  value,
  choices,
  onChange,
}: ChoiceToggleProps<T>) {
  const classes = useStyles();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      aria-label={label}
      value={value}
      // A click on the selected button yields null; keep the current choice then.
      onChange={(_event, next: T | null) => next !== null && onChange(next)}
    >
      {choices.map(choice => (
        <ToggleButton
          key={String(choice.value)}
          value={choice.value}
          className={classes.toggle}
          title={choice.title}
        >
          {choice.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
