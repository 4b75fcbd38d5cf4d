/*
 * Health tolerances from config, in Kiali's shape:
 *   mesh.health.tolerances  — replace nothing, come before Kiali's defaults for every object;
 *   mesh.health.rate[]      — {namespace, kind, name} regexes with their own tolerances; the first
 *                             matching rule wins for an object (Kiali's health_config.rate).
 */
import { Config } from '@backstage/config';
import {
  DEFAULT_HEALTH_TOLERANCES,
  MeshHealthRateRule,
  MeshHealthTolerance,
} from '@mesh-portal/plugin-mesh-common';

export interface HealthConfig {
  /** Tolerances for objects no rule matches. */
  defaults: MeshHealthTolerance[];
  rules: MeshHealthRateRule[];
}

function checkRegex(value: string, where: string): string {
  try {
    // Constructing it is the check: RegExp throws on an invalid pattern.
    // eslint-disable-next-line no-new
    new RegExp(value);
  } catch {
    throw new Error(`${where} is not a valid regular expression`);
  }
  return value;
}

function readTolerances(list: Config[], where: string): MeshHealthTolerance[] {
  return list.map((t, i) => ({
    code: checkRegex(t.getString('code'), `${where}[${i}].code`),
    protocol: checkRegex(
      t.getOptionalString('protocol') ?? 'http|grpc',
      `${where}[${i}].protocol`,
    ),
    direction: checkRegex(
      t.getOptionalString('direction') ?? '.*',
      `${where}[${i}].direction`,
    ),
    degraded: t.getNumber('degraded'),
    failure: t.getNumber('failure'),
  }));
}

export function readHealthConfig(mesh: Config | undefined): HealthConfig {
  const custom = readTolerances(
    mesh?.getOptionalConfigArray('health.tolerances') ?? [],
    'mesh.health.tolerances',
  );
  const defaults = [...custom, ...DEFAULT_HEALTH_TOLERANCES];
  const rules = (mesh?.getOptionalConfigArray('health.rate') ?? []).map(
    (r, i) => {
      const where = `mesh.health.rate[${i}]`;
      return {
        namespace: checkRegex(
          r.getOptionalString('namespace') ?? '.*',
          `${where}.namespace`,
        ),
        kind: checkRegex(r.getOptionalString('kind') ?? '.*', `${where}.kind`),
        name: checkRegex(r.getOptionalString('name') ?? '.*', `${where}.name`),
        tolerances: readTolerances(
          r.getConfigArray('tolerances'),
          `${where}.tolerances`,
        ),
      };
    },
  );
  return { defaults, rules };
}
