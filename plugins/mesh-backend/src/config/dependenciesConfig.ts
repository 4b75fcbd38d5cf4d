/* Dependency drift settings: the observation window and the traffic floor below which nothing counts. */
import { Config } from '@backstage/config';
import { parseWindow } from '@mesh-portal/plugin-mesh-common';

export interface DependenciesConfig {
  /** Default window, e.g. `7d`. */
  window: string;
  /** Requests per second (or KB/s for TCP) below which traffic does not count as a dependency. */
  floorRps: number;
}

/** Roughly one request every 15 minutes on average over the window. */
export const DEFAULT_FLOOR_RPS = 0.001;

export function readDependenciesConfig(
  mesh: Config | undefined,
): DependenciesConfig {
  const window = mesh?.getOptionalString('dependencies.window') ?? '7d';
  if ('error' in parseWindow(window))
    throw new Error(
      `mesh.dependencies.window: ${
        (parseWindow(window) as { error: string }).error
      }`,
    );
  const floorRps =
    mesh?.getOptionalNumber('dependencies.floorRps') ?? DEFAULT_FLOOR_RPS;
  if (!(floorRps >= 0))
    throw new Error('mesh.dependencies.floorRps must be a number ≥ 0');
  return { window, floorRps };
}
