/*
 * The demo mesh as a graph's input (its traffic ten minutes five hours into the load curve, its
 * ServiceEntries and Istio config): what graph tests compare pipelines on.
 */
import { DemoMesh } from '../../sources/demo/DemoMesh';
import { DemoTelemetrySource } from '../../sources/demo/DemoTelemetrySource';
import { GraphInput } from '../buildGraph';

/** The demo mesh (with its ServiceEntries and Istio config) as a graph's input. */
export async function demoInput(): Promise<Omit<GraphInput, 'graphType'>> {
  const EPOCH = 1_700_000_000;
  const mesh = new DemoMesh({ epochSeconds: EPOCH });
  const time = new Date((EPOCH + 5 * 3600) * 1000);
  const { value: traffic } = await new DemoTelemetrySource(mesh).getTraffic({
    windowSeconds: 600,
    time,
  });
  const services = mesh.objects.services.map(s => ({ ...s, cluster: 'demo' }));
  const istioObjects = mesh.objects.istio.map(o => ({ ...o, cluster: 'demo' }));
  expect(istioObjects.some(o => o.kind === 'ServiceEntry')).toBe(true);
  return {
    windowSeconds: 600,
    time,
    traffic,
    workloads: mesh.workloads,
    services,
    serviceEntries: istioObjects.filter(o => o.kind === 'ServiceEntry'),
    istioObjects,
    owners: new Map(
      mesh.workloads.map(w => [
        `${w.cluster}/${w.namespace}/${w.name}`,
        `component:default/${w.podLabels.app ?? w.name}`,
      ]),
    ),
    clusterName: id => (id === 'demo' ? 'demo' : id),
    errors: [],
  };
}
