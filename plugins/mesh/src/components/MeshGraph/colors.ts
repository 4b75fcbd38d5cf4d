import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { MeshHealthStatus } from '@mesh-portal/plugin-mesh-common';
import { EdgeColors } from '../../lib/toFlowElements';

/*
 * Graph colours come from the Backstage theme's status palette, so they follow light/dark mode
 * and any custom theme; the node, edge and legend components all read them from here.
 */

export function useEdgeColors(): EdgeColors {
  const theme = useTheme();
  return useMemo(
    () => ({
      idle: theme.palette.grey[500],
      ok: theme.palette.status.ok,
      warning: theme.palette.status.warning,
      error: theme.palette.status.error,
    }),
    [theme],
  );
}

export function useHealthColors(): Record<MeshHealthStatus, string> {
  const theme = useTheme();
  return useMemo(
    () => ({
      healthy: theme.palette.status.ok,
      degraded: theme.palette.status.warning,
      failure: theme.palette.status.error,
      'not-ready': theme.palette.status.pending,
      'no-data': theme.palette.grey[500],
    }),
    [theme],
  );
}

export const HEALTH_LABELS: Record<MeshHealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failure: 'Failure',
  'not-ready': 'Not ready (scaled to zero)',
  'no-data': 'No data',
};
