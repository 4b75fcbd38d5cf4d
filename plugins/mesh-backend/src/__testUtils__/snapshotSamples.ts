/*
 * Test helpers for snapshots whose parts may be lists (../sources/sampleList): their samples as
 * arrays, to compare with what a test expects, and a snapshot packed as the mesh model keeps it.
 */
import { packSamples } from '../sources/prometheus/packedSamples';
import { PackedSampleList, Samples, samplesOf } from '../sources/sampleList';
import { snapshotSamples } from '../sources/demo/testModel';
import { TrafficSnapshot } from '../sources/types';

export { snapshotSamples };

/** An object holding a snapshot (a model entry, a source's result), its parts as arrays. */
export function withSnapshotSamples<T extends { snapshot: TrafficSnapshot }>(
  holder: T,
): Omit<T, 'snapshot'> & { snapshot: ReturnType<typeof snapshotSamples> } {
  return { ...holder, snapshot: snapshotSamples(holder.snapshot) };
}

/** Samples packed as the worker sends them back. */
export const packedList = (samples: Samples) =>
  new PackedSampleList(packSamples(samplesOf(samples)));

/** A snapshot as the mesh model keeps it: each part packed whole. */
export const packedSnapshot = (snapshot: TrafficSnapshot): TrafficSnapshot => ({
  requests: packedList(snapshot.requests),
  tcpSent: packedList(snapshot.tcpSent),
  tcpReceived: packedList(snapshot.tcpReceived),
  latency: packedList(snapshot.latency),
});
