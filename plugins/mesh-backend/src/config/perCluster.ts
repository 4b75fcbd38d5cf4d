/* Settings that exist globally under `mesh.<key>` and per cluster under `mesh.clusters[].<key>`. */
import { Config } from '@backstage/config';

export function readPerCluster<T>(
  mesh: Config | undefined,
  key: string,
  read: (c: Config, where: string) => T,
): { defaultValue?: T; byCluster: Map<string, T> } {
  const byCluster = new Map<string, T>();
  (mesh?.getOptionalConfigArray('clusters') ?? []).forEach((c, i) => {
    const own = c.getOptionalConfig(key);
    if (own)
      byCluster.set(
        c.getString('name'),
        read(own, `mesh.clusters[${i}].${key}`),
      );
  });
  const global = mesh?.getOptionalConfig(key);
  return {
    defaultValue: global ? read(global, `mesh.${key}`) : undefined,
    byCluster,
  };
}
