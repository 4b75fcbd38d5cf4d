import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { MeshPostureResponse } from '@mesh-portal/plugin-mesh-common';
import { formatPercent, formatRps } from '../../lib/format';
import { FactList } from './FactList';

const useStyles = makeStyles(
  theme => ({
    figures: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
      gap: theme.spacing(2),
    },
    figure: { display: 'flex', flexDirection: 'column' },
    value: {
      fontSize: theme.typography.h4.fontSize,
      fontWeight: theme.typography.fontWeightBold as number,
    },
    label: { color: theme.palette.text.secondary },
  }),
  { name: 'PluginMeshPostureSummary' },
);

export interface Figure {
  label: string;
  value: string;
}

/** Headline figures as large numbers with labels, e.g. `96.9% services meshed`. */
export function Figures({ figures }: { figures: Figure[] }) {
  const classes = useStyles();
  return (
    <div className={classes.figures}>
      {figures.map(figure => (
        <div
          key={figure.label}
          className={classes.figure}
          aria-label={`${figure.label}: ${figure.value}`}
        >
          <span className={classes.value}>{figure.value}</span>
          <span className={classes.label}>{figure.label}</span>
        </div>
      ))}
    </div>
  );
}

const share = (value?: number | null) =>
  value === undefined || value === null ? '—' : formatPercent(value);

/** Security posture figures shared by the team tab and the overview page. */
export function postureFigures({ posture }: MeshPostureResponse): Figure[] {
  return [
    {
      label: 'workloads in the mesh',
      value: share(posture.workloads.inMeshShare),
    },
    {
      label: 'requests over mTLS',
      value: share(posture.traffic.requestMtlsShare),
    },
    { label: 'namespaces STRICT', value: `${posture.namespaces.strict}` },
    {
      label: 'namespaces PERMISSIVE',
      value: `${posture.namespaces.permissive}`,
    },
    {
      label: 'workloads without AuthorizationPolicy',
      value: `${posture.workloadsWithoutAuthorizationPolicy.length}`,
    },
    {
      label: 'config errors / warnings',
      value: `${posture.validations.errors} / ${posture.validations.warnings}`,
    },
  ];
}

/** The posture card: figures plus the namespaces and their enforced modes. */
export function PostureSummary({
  title,
  posture,
}: {
  title: string;
  posture: MeshPostureResponse;
}) {
  return (
    <InfoCard title={title}>
      <Figures figures={postureFigures(posture)} />
      <FactList
        facts={[
          [
            'Namespaces',
            posture.posture.namespaces.list
              .map(n => `${n.namespace} (${n.cluster}): ${n.effectiveMode}`)
              .join(', '),
          ],
          [
            'Traffic counted',
            formatRps(posture.posture.traffic.requestsPerSecond),
          ],
        ]}
      />
    </InfoCard>
  );
}
