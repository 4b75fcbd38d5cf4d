import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { MeshValidationSummary } from '@mesh-portal/plugin-mesh-common';
import { meshApiRef } from '../api';

/** Config requests in flight at once, so a big team does not flood the backend. */
const CONCURRENCY = 4;

export type FindingsByEntity = Map<string, MeshValidationSummary | Error>;

/**
 * Validation findings of each entity's config. The team answer has no per-component findings, so
 * each Component's config summary is read on its own (see the report's wire-type note).
 */
export function useComponentFindings(
  entityRefs: string[],
): FindingsByEntity | undefined {
  const meshApi = useApi(meshApiRef);
  const key = [...entityRefs].sort().join(',');
  const { value } = useAsync(async () => {
    const findings: FindingsByEntity = new Map();
    const queue = key ? key.split(',') : [];
    const worker = async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        try {
          findings.set(
            ref,
            (await meshApi.getEntityConfig(parseEntityRef(ref))).summary,
          );
        } catch (error) {
          findings.set(ref, error as Error);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return findings;
  }, [meshApi, key]);
  return value;
}
