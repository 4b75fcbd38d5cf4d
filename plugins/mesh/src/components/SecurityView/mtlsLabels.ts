import {
  MeshMtlsMode,
  MeshTlsStatus,
  MeshWorkloadSecurity,
} from '@mesh-portal/plugin-mesh-common';

/**
 * Kiali's mTLS verdicts in words a service owner reads without the Kiali docs (Kiali's UI says
 * Strict / Permissive / Disabled for these).
 */
export const TLS_STATUS_LABELS: Record<MeshTlsStatus, string> = {
  MTLS_ENABLED: 'Strict: mTLS enforced',
  MTLS_PARTIALLY_ENABLED: 'Permissive: plain text accepted',
  MTLS_NOT_ENABLED: 'mTLS not enabled',
  MTLS_DISABLED: 'mTLS disabled',
  UNSET: 'Not set (Istio default: PERMISSIVE)',
  UNSET_INHERITED_STRICT: 'Not set, inherits STRICT',
  UNSET_INHERITED_DISABLED: 'Not set, inherits DISABLE',
  MTLS_VALIDATION_ERROR: 'Conflicting mTLS config',
};

/** What each enforced mode means for a caller. */
export const MODE_MEANINGS: Record<MeshMtlsMode, string> = {
  STRICT: 'only mTLS accepted',
  PERMISSIVE: 'mTLS and plain text accepted',
  DISABLE: 'plain text only',
};

export const INBOUND_LABELS: Record<MeshWorkloadSecurity['inbound'], string> = {
  strict: 'Plain text refused',
  permissive: 'Plain text accepted',
  disabled: 'mTLS disabled',
  mixed: 'Differs by port',
  'not-in-mesh': 'No proxy: not in the mesh',
};
