import { WarningPanel } from '@backstage/core-components';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';

const SOURCE_LABELS: Record<MeshSourceError['source'], string> = {
  catalog: 'Catalog',
  inventory: 'Kubernetes inventory',
  telemetry: 'Telemetry (Prometheus)',
  traces: 'Tracing',
};

function describe(error: MeshSourceError): string {
  const where = error.cluster ? ` in cluster ${error.cluster}` : '';
  const status = error.statusCode ? ` (HTTP ${error.statusCode})` : '';
  return `${SOURCE_LABELS[error.source] ?? error.source}${where}: ${
    error.errorType
  }${status} — ${error.message}`;
}

/** The same failure may be reported by the mapping and by the graph; show it once. */
export function uniqueSourceErrors(
  ...lists: MeshSourceError[][]
): MeshSourceError[] {
  const seen = new Set<string>();
  return lists.flat().filter(error => {
    const key = describe(error);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Partial failures of the backend's data sources. The view is still shown below it, so the
 * wording says what may be missing rather than that loading failed.
 */
export function MeshSourceErrors({
  errors,
  subject = 'graph',
}: {
  errors: MeshSourceError[];
  /** What may be incomplete, e.g. `graph`, `health`. */
  subject?: string;
}) {
  if (errors.length === 0) return null;
  return (
    <WarningPanel
      title={`${
        errors.length === 1 ? 'A data source' : `${errors.length} data sources`
      } failed; the ${subject} may be incomplete`}
      defaultExpanded
      message="What is shown comes from the sources that answered."
    >
      <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
        {errors.map(error => (
          <li key={describe(error)}>{describe(error)}</li>
        ))}
      </ul>
    </WarningPanel>
  );
}
