import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MeshDependency } from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatPercent,
  formatRps,
} from '../../lib/format';

function traffic(dependency: MeshDependency): string {
  if (dependency.drift === 'silent') {
    return dependency.lastSeen
      ? `last seen ${new Date(dependency.lastSeen).toLocaleString()}`
      : 'no traffic seen';
  }
  const rate =
    dependency.rps === 0 && dependency.bytesPerSecond !== undefined
      ? formatBytesPerSecond(dependency.bytesPerSecond)
      : formatRps(dependency.rps);
  const errors = dependency.errorRate
    ? `, ${formatPercent(dependency.errorRate)} errors`
    : '';
  return `${rate}${errors}`;
}

function details(dependency: MeshDependency): string {
  return [
    dependency.direction === 'outbound'
      ? 'this entity calls it'
      : 'it calls this entity',
    traffic(dependency),
    dependency.declaredVia?.length &&
      `declared via ${dependency.declaredVia.join(', ')}`,
    dependency.apis?.length && `APIs ${dependency.apis.join(', ')}`,
    dependency.deprecated && 'deprecated',
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface DependencyListProps {
  title: string;
  /** What to do about the entries, shown under the title. */
  guidance: string;
  dependencies: MeshDependency[];
  emptyText: string;
}

/** One list of the Dependencies view, each entry linking to the other entity and its owner. */
export function DependencyList({
  title,
  guidance,
  dependencies,
  emptyText,
}: DependencyListProps) {
  return (
    <InfoCard
      title={`${title} (${dependencies.length})`}
      subheader={guidance}
      noPadding
    >
      {dependencies.length === 0 ? (
        <Typography color="textSecondary" style={{ padding: 16 }}>
          {emptyText}
        </Typography>
      ) : (
        <List dense aria-label={title}>
          {dependencies.map(dependency => (
            <ListItem key={`${dependency.direction}:${dependency.entityRef}`}>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink
                      entityRef={dependency.entityRef}
                      title={dependency.title}
                    />
                    {dependency.owner && (
                      <Typography variant="caption" color="textSecondary">
                        {' '}
                        owned by{' '}
                        <EntityRefLink
                          entityRef={dependency.owner}
                          defaultKind="group"
                        />
                      </Typography>
                    )}
                  </>
                }
                secondary={details(dependency)}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
