/*
 * A new snapshot's preparation (../types SnapshotPreparer: what requests will compute of it,
 * computed before they read it) as the mesh model runs it: as paced background work
 * (../../graph/slicedWork inBackground), for at most a timeout. A preparation that fails or takes
 * longer only costs speed: the snapshot is installed anyway, and requests compute what they need.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { inBackground } from '../../graph/slicedWork';
import { SnapshotPreparer, TrafficSnapshot } from '../types';

/** Longest a new snapshot waits for its preparation before requests read it. */
export const PREPARE_TIMEOUT_MS = 30_000;

export async function prepareSnapshot(
  prepare: SnapshotPreparer,
  next: TrafficSnapshot,
  previous: TrafficSnapshot | undefined,
  options: { timeoutMs?: number; logger?: LoggerService },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    inBackground(() => prepare(next, previous)).catch(error =>
      options.logger?.warn(
        `mesh model: preparing a snapshot failed: ${(error as Error).message}`,
      ),
    ),
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, options.timeoutMs ?? PREPARE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
}
