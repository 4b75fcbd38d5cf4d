import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { WindowToolbar } from './MeshToolbar';
import { MeshResourceView } from './MeshResourceView';

export interface WindowedResourceViewProps<
  T extends { errors: MeshSourceError[]; timestamp: string },
> extends Pick<MeshSubViewProps, 'reader' | 'state' | 'update'> {
  /** Reads the data for a window; module-level, so that it keeps its identity between renders. */
  read: (reader: EntityMeshReader, window: string) => Promise<T>;
  subject: string;
  children: (value: T) => ReactNode;
}

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshWindowedView' },
);

/**
 * A sub-view over the tab's time window: loads with the window (and auto-refresh) from the URL,
 * and shows the toolbar, progress, errors and partial failures around its content.
 */
export function WindowedResourceView<
  T extends { errors: MeshSourceError[]; timestamp: string },
>({
  reader,
  state,
  update,
  read,
  subject,
  children,
}: WindowedResourceViewProps<T>) {
  const classes = useStyles();
  const resource = useMeshResource(
    () => read(reader, state.window),
    [reader, read, state.window],
    {
      autoRefresh: state.autoRefresh,
    },
  );
  return (
    <div className={classes.root}>
      <WindowToolbar
        state={state}
        update={update}
        resource={resource}
        updatedAt={resource.value?.timestamp}
      />
      <MeshResourceView resource={resource} subject={subject}>
        {children}
      </MeshResourceView>
    </div>
  );
}
