/*
 * Helpers for tests that vary the demo's config: a deep copy of the model with one object changed.
 * `istio` is a flat view for finding objects; add objects through `model.apps[…].istio`.
 */
import { IstioObject } from '../../kube/types';
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
