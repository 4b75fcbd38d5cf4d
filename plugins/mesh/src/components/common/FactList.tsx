import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    list: {
      display: 'grid',
      gridTemplateColumns: 'max-content 1fr',
      columnGap: theme.spacing(2),
      rowGap: theme.spacing(0.5),
      margin: 0,
    },
    term: { color: theme.palette.text.secondary },
    value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  }),
  { name: 'PluginMeshFactList' },
);

/** Label–value pairs as a definition list; pairs whose value is empty are left out. */
export function FactList({ facts }: { facts: Array<[string, ReactNode]> }) {
  const classes = useStyles();
  const shown = facts.filter(
    ([, value]) =>
      value !== undefined && value !== null && value !== false && value !== '',
  );
  return (
    <dl className={classes.list}>
      {shown.map(([term, value]) => (
        <Typography
          key={term}
          component="div"
          variant="body2"
          style={{ display: 'contents' }}
        >
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </Typography>
      ))}
    </dl>
  );
}
