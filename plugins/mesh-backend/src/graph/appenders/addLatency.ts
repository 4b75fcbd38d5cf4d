/*
 * Latency percentiles per edge, destination-reported first (it excludes the network, Kiali's
 * choice, §2.5 responseTime), falling back to what the client measured. Only edges that end at a
 * workload or app carry latency; for service nodes Kiali avoids mixing quantiles of several paths.
 */
import { MeshLatency } from '@mesh-portal/plugin-mesh-common';
import {
  concatSamples,
  sampleList,
  selectedSliced,
} from '../../sources/sampleList';
import { TrafficSnapshot } from '../../sources/types';
import { edgeIdOf, requestProtocol } from '../buildTrafficMap';
import { ClusterNames } from '../nodeIdentity';
import { eachSliced, SlicedWork } from '../slicedWork';
import { TrafficMap } from '../types';

const FIELD: Record<string, keyof MeshLatency> = {
  '0.5': 'p50',
  '0.95': 'p95',
  '0.99': 'p99',
};

export function* addLatency(
  map: TrafficMap,
  snapshot: TrafficSnapshot,
  clusterName: ClusterNames,
): SlicedWork<void> {
  // Destination-reported samples first, each group in its order.
  const latency = sampleList(snapshot.latency);
  const fromDestination = (i: number) =>
    latency.label(i, 'reporter') === 'destination';
  const ordered = concatSamples([
    yield* selectedSliced(latency, fromDestination),
    yield* selectedSliced(latency, i => !fromDestination(i)),
  ]);
  const claimedBy = new Map<string, string>();
  yield* eachSliced(ordered, s => {
    const field = FIELD[s.labels.quantile];
    if (!field) return;
    const id = edgeIdOf(s.labels, requestProtocol(s.labels), map, clusterName);
    const e = map.edges.get(id);
    if (!e) return;
    const target = map.nodes.get(e.target);
    if (!target || (target.type !== 'workload' && target.type !== 'app'))
      return;
    const owner = claimedBy.get(id);
    if (owner && owner !== s.labels.reporter) return;
    claimedBy.set(id, s.labels.reporter);
    if (e.latency?.[field] !== undefined) return; // first value wins, as in Kiali
    e.latency = { ...e.latency, [field]: s.value };
  });
}
