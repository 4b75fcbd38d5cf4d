import Button from '@material-ui/core/Button';
import { EmptyState } from '@backstage/core-components';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';

/** The backend README's section on connecting clusters and metrics (the setup an adopter does). */
export const MESH_SETUP_DOCS_URL =
  'https://github.com/mesh-portal/mesh-portal/tree/main/plugins/mesh-backend#configuration';

/** Whether the backend answered that it has no cluster configured (the plugin is not set up yet). */
export function isMeshNotConfigured(errors: MeshSourceError[]): boolean {
  return errors.some(e => e.errorType === 'NOT_CONFIGURED');
}

/**
 * Setup guidance instead of an empty graph: with no cluster configured every view would look like
 * a quiet mesh, so say what is missing and where the setup is described.
 */
export function MeshNotConfiguredState({ compact }: { compact?: boolean }) {
  return (
    <EmptyState
      missing="info"
      title="The mesh plugin has no cluster configured yet"
      description={
        compact
          ? 'Configure a cluster and a Prometheus for the mesh backend to see traffic here.'
          : 'Add your clusters to kubernetes.clusterLocatorMethods (the Kubernetes plugin’s config) ' +
            'or mesh.clusters (live clusters or snapshots), and point mesh.prometheus at the ' +
            'Prometheus, Thanos or Mimir that holds the Istio metrics. Tracing (mesh.tracing) ' +
            'is optional.'
      }
      action={
        <Button
          variant="contained"
          color="primary"
          href={MESH_SETUP_DOCS_URL}
          target="_blank"
          rel="noopener"
        >
          Read the setup guide
        </Button>
      }
    />
  );
}
