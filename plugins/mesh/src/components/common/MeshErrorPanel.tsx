import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoIcon from '@material-ui/icons/Info';
import LockIcon from '@material-ui/icons/Lock';
import { ResponseErrorPanel } from '@backstage/core-components';
import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { EntityRefLink, useAsyncEntity } from '@backstage/plugin-catalog-react';
import {
  meshEntityReadPermission,
  meshOverviewReadPermission,
} from '@mesh-portal/plugin-mesh-common';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      gap: theme.spacing(1.5),
      alignItems: 'flex-start',
      padding: theme.spacing(2),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    text: { display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) },
  }),
  { name: 'PluginMeshErrorPanel' },
);

/** The entity of the page, when there is one (cards and tabs have one; /mesh has none). */
function useOptionalEntity(): Entity | undefined {
  // useAsyncEntity throws outside an entity page; the context hook inside it runs either way, so
  // catching keeps the hook order stable.
  try {
    return useAsyncEntity().entity;
  } catch {
    return undefined;
  }
}

function ownerOf(entity: Entity | undefined): string | undefined {
  const relation = entity?.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = (entity?.spec as { owner?: unknown } | undefined)?.owner;
  return typeof owner === 'string' ? owner : undefined;
}

/** Access denied, designed: what is withheld, who owns it, and how to ask. */
export function AccessDeniedState() {
  const classes = useStyles();
  const entity = useOptionalEntity();
  const owner = ownerOf(entity);
  const permission = (
    entity ? meshEntityReadPermission : meshOverviewReadPermission
  ).name;
  return (
    <div className={classes.root} role="status" aria-label="Access denied">
      <LockIcon color="action" />
      <div className={classes.text}>
        <Typography variant="subtitle1">
          {entity
            ? `You can see ${entity.metadata.name} in the catalog, but not its mesh data`
            : 'You cannot see the catalog-wide mesh overview'}
        </Typography>
        {owner && (
          <Typography variant="body2">
            Owned by <EntityRefLink entityRef={owner} defaultKind="group" />.
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          The permission policy withholds <code>{permission}</code> from you.
          {owner
            ? ' Ask the owning team, or your Backstage administrators, to grant it.'
            : ' Ask your Backstage administrators to grant it.'}
        </Typography>
      </div>
    </div>
  );
}

/** The entity (or every member of a System) maps to no workload: say why and what to add. */
function NoMeshDataState({ message }: { message: string }) {
  const classes = useStyles();
  return (
    <div className={classes.root} role="status" aria-label="No mesh data">
      <InfoIcon color="action" />
      <div className={classes.text}>
        <Typography variant="subtitle1">No mesh data to show</Typography>
        <Typography variant="body2">
          {message.replace(/^.*?: (?=Entity |[a-z]+:)/, '')}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Components map to workloads with the Kubernetes plugin's{' '}
          <code>backstage.io/kubernetes-id</code> or{' '}
          <code>backstage.io/kubernetes-label-selector</code> annotation, or by
          name when the mesh runs a service of the same name.
        </Typography>
      </div>
    </div>
  );
}

/** A failed request: designed states for what users can act on, Backstage's panel otherwise. */
export function MeshErrorPanel({ error }: { error: Error }) {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 403) return <AccessDeniedState />;
  // A ResponseError carries the backend's own message as its cause.
  const message = (error as { cause?: Error }).cause?.message ?? error.message;
  if (status === 404 && /has no mesh data/.test(message))
    return <NoMeshDataState message={message} />;
  return <ResponseErrorPanel error={error} />;
}
