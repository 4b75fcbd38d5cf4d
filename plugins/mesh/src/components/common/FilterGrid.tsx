import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
      gap: theme.spacing(1.5),
    },
  }),
  { name: 'PluginMeshFilterGrid' },
);

/** A row of filter inputs that wraps on narrow screens, announced as one group. */
export function FilterGrid({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div className={classes.root} role="group" aria-label={label}>
      {children}
    </div>
  );
}
