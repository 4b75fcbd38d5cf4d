/*
 * Test helpers for snapshots whose parts may be lists (../sources/sampleList): their samples as
 * arrays, to compare with what a test expects.
 */
import { samplesOf } from '../sources/sampleList';
import { Sample, TrafficSnapshot } from '../sources/types';

/** A snapshot's parts as arrays of samples. */
export function snapshotSamples(snapshot: TrafficSnapshot) {
  return {
    requests: samplesOf(snapshot.requests),
    tcpSent: samplesOf(snapshot.tcpSent),
    tcpReceived: samplesOf(snapshot.tcpReceived),
    latency: samplesOf(snapshot.latency),
  } satisfies Record<keyof TrafficSnapshot, Sample[]>;
}

/** An object holding a snapshot (a model entry, a source's result), its parts as arrays. */
export function withSnapshotSamples<T extends { snapshot: TrafficSnapshot }>(
  holder: T,
): Omit<T, 'snapshot'> & { snapshot: ReturnType<typeof snapshotSamples> } {
  return { ...holder, snapshot: snapshotSamples(holder.snapshot) };
}
