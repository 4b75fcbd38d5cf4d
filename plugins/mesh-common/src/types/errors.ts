/**
 * Which data source a partial failure came from. A mesh response is assembled from several sources;
 * when one of them fails the others still answer, and the failure is reported as data.
 *
 * @public
 */
export type MeshSourceKind = 'catalog' | 'inventory' | 'telemetry' | 'traces';

/**
 * Kind of failure, modelled on the Kubernetes plugin's `KubernetesFetchError` error types.
 *
 * @public
 */
export type MeshSourceErrorType =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TIMEOUT'
  | 'UNREACHABLE'
  | 'BAD_RESPONSE'
  /** The TLS handshake failed on our side: the source's server certificate is not trusted. */
  | 'TLS'
  | 'SYSTEM_ERROR'
  /** No cluster is configured at all: the plugin is installed but not set up yet. */
  | 'NOT_CONFIGURED';

/**
 * A typed per-source error inside an otherwise useful response.
 * Messages never contain credentials.
 *
 * @public
 */
export interface MeshSourceError {
  source: MeshSourceKind;
  errorType: MeshSourceErrorType;
  /** Cluster the failing source belongs to, when it is cluster-scoped. */
  cluster?: string;
  /** HTTP status the source answered with, when there was one. */
  statusCode?: number;
  message: string;
}
