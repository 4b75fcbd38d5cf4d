/* Test helper: the demo cluster with one change applied, validated, findings as short strings. */
import { ClusterObjects, Deployment } from '../../kube/types';
import { demoClusterObjects } from '../../sources/demo/builders';
import { demoMeshModel } from '../../sources/demo/topologies';
import { DEMO_UNOWNED_INVALID } from '../../sources/demo/topologies/platform';
import { ValidationContext, ValidationOptions } from '../context';
import { validateCluster } from '../validateCluster';

export function demoFindings(
  change: (objects: ClusterObjects) => void,
  options: ValidationOptions = {},
  withPath = false,
): string[] {
  const objects: ClusterObjects = JSON.parse(
    JSON.stringify(demoClusterObjects(demoMeshModel)),
  );
  change(objects);
  // The demo's deliberately invalid object is asserted on its own (meshConfigRoutes.test).
  return validateCluster(new ValidationContext('demo', objects, options), [
    'KIA1301',
  ])
    .findings.filter(
      f =>
        f.object.kind !== DEMO_UNOWNED_INVALID.kind ||
        f.object.name !== DEMO_UNOWNED_INVALID.name,
    )
    .map(
      f =>
        `${f.code} ${f.object.kind}/${f.object.namespace}/${f.object.name}${
          withPath ? ` ${f.path} ${f.severity}` : ''
        }`,
    );
}

export const deploymentOf = (o: ClusterObjects, name: string): Deployment =>
  o.deployments.find(d => d.metadata.name === name)!;

/** Pods of a Deployment: owned by its ReplicaSet `<name>-<hash>`. */
export const podsOf = (o: ClusterObjects, name: string) =>
  o.pods.filter(
    p =>
      p.metadata.ownerReferences?.[0]?.name.replace(/-[a-z0-9]+$/, '') === name,
  );
