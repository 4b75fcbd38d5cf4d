import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  formatWindow,
  MeshInsight,
  MeshInsightsResponse,
} from '@mesh-portal/plugin-mesh-common';
import { MeshResource } from '../../hooks/useMeshResource';
import { formatLatency, formatPercent, formatRps } from '../../lib/format';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const useStyles = makeStyles(
  theme => ({
    lists: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
      gap: theme.spacing(3),
    },
    list: { margin: 0, paddingLeft: theme.spacing(2.5) },
    item: { marginBottom: theme.spacing(1) },
  }),
  { name: 'PluginMeshOverviewInsights' },
);

const signed = (text: string, delta: number) =>
  `${delta >= 0 ? '+' : '−'}${text}`;

interface InsightList {
  title: string;
  rows: MeshInsight[];
  format: (r: MeshInsight) => string;
  empty: string;
}

function lists(answer: MeshInsightsResponse): InsightList[] {
  const was = (r: MeshInsight, f: (v: number) => string) =>
    r.previous === null ? 'none before' : `was ${f(r.previous)}`;
  return [
    {
      title: 'Highest error rate',
      rows: answer.errorRate,
      format: r => `${formatPercent(r.value)} (${was(r, formatPercent)})`,
      empty: 'No entity answered with errors.',
    },
    {
      title: 'Slowest (p95)',
      rows: answer.latency,
      format: r => `${formatLatency(r.value)} (${was(r, formatLatency)})`,
      empty: 'No latency recorded.',
    },
    {
      title: 'Largest traffic change',
      rows: answer.trafficChange,
      format: r => {
        const delta = r.value - (r.previous ?? 0);
        return `${signed(formatRps(Math.abs(delta)), delta)} (now ${formatRps(
          r.value,
        )}, ${was(r, formatRps)})`;
      },
      empty: 'Traffic is the same as in the window before.',
    },
  ];
}

/**
 * The entities that stand out mesh-wide, each with its owner: computed by the backend
 * (`GET /insights`) from this window and the one before; the browser only renders.
 */
export function OverviewInsights({
  resource,
}: {
  resource: MeshResource<MeshInsightsResponse>;
}) {
  const classes = useStyles();
  if (resource.error)
    return (
      <InfoCard title="What stands out">
        <MeshErrorPanel error={resource.error} />
      </InfoCard>
    );
  if (!resource.value) return <Progress />;
  const answer = resource.value;
  return (
    <InfoCard
      title="What stands out"
      subheader={`Last ${formatWindow(
        answer.windowSeconds,
      )} against the ${formatWindow(answer.windowSeconds)} before`}
    >
      <div className={classes.lists}>
        {lists(answer).map(list => (
          <section key={list.title} aria-label={list.title}>
            <Typography variant="subtitle2">{list.title}</Typography>
            {list.rows.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {list.empty}
              </Typography>
            ) : (
              <ol className={classes.list}>
                {list.rows.map(r => (
                  <li key={r.entityRef} className={classes.item}>
                    <EntityRefLink entityRef={r.entityRef} title={r.title} />{' '}
                    <Typography variant="body2" component="span">
                      {list.format(r)}
                    </Typography>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {r.owner ? (
                        <>
                          owned by{' '}
                          <EntityRefLink
                            entityRef={r.owner}
                            defaultKind="group"
                          />
                        </>
                      ) : (
                        'no owner in the catalog'
                      )}
                    </Typography>
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
      {answer.withheldMembers ? (
        <Typography variant="caption" color="textSecondary">
          Ranked among the entities you may see; {answer.withheldMembers} more
          are withheld.
        </Typography>
      ) : null}
    </InfoCard>
  );
}
