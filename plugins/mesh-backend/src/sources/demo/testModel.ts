/*
 * Helpers for tests that vary the demo's config: a deep copy of the model with one object changed.
 * `istio` is a flat view for finding objects; add objects through `model.apps[…].istio`.
 */
import { IstioObject } from '../../kube/types';
import { Samples, samplesOf } from '../sampleList';
import { Sample, TrafficSnapshot } from '../types';
import { DemoMesh } from './DemoMesh';
import { DemoTelemetrySource } from './DemoTelemetrySource';
import { DemoMeshModel } from './model';
import { demoMeshModel } from './topologies';

export function modelWith(
  change: (istio: IstioObject[], model: DemoMeshModel) => void,
): DemoMeshModel {
  const model: DemoMeshModel = JSON.parse(JSON.stringify(demoMeshModel));
  change(
    model.apps.flatMap(a => a.istio),
    model,
  );
  return model;
}

export function findObject(
  istio: IstioObject[],
  kind: string,
  namespace: string,
  name: string,
): IstioObject {
  const found = istio.find(
    o =>
      o.kind === kind &&
      o.metadata.namespace === namespace &&
      o.metadata.name === name,
  );
  if (!found)
    throw new Error(
      `test setup: no ${kind} ${namespace}/${name} in the demo model`,
    );
  return found;
}

export const DEMO_TEST_EPOCH = 1_700_000_000;
const DEMO_TEST_TIME = new Date((DEMO_TEST_EPOCH + 3 * 3600) * 1000);

/** A snapshot's parts as arrays of samples, for assertions. */
export function snapshotSamples(snapshot: TrafficSnapshot) {
  return {
    requests: samplesOf(snapshot.requests),
    tcpSent: samplesOf(snapshot.tcpSent),
    tcpReceived: samplesOf(snapshot.tcpReceived),
    latency: samplesOf(snapshot.latency),
  } satisfies Record<keyof TrafficSnapshot, Sample[]>;
}

/** The demo's traffic over 10 minutes, three hours into its load curve; fails on a source error. */
export async function demoTraffic(mesh: DemoMesh) {
  const { value, errors } = await new DemoTelemetrySource(mesh).getTraffic({
    windowSeconds: 600,
    time: DEMO_TEST_TIME,
  });
  if (errors.length > 0)
    throw new Error(`demo telemetry errors: ${JSON.stringify(errors)}`);
  return snapshotSamples(value);
}

export const sum = (samples: Samples) =>
  samplesOf(samples).reduce((a, s) => a + s.value, 0);

export const where = (samples: Samples, labels: Record<string, string>) =>
  samplesOf(samples).filter(s =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
