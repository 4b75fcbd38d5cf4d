/*
 * Keeps only the fields the mesh plugin reads, so the watch cache of a large cluster stays small: a
 * live Pod is 5–15 kB of JSON (managedFields, env, volumes, status of every container) of which we
 * need a few hundred bytes. Works on raw API JSON (watch events, snapshot files) and on objects
 * `@kubernetes/client-node` deserialized (lists), which carry Date instances instead of strings.
 */
import { KubeObject, ObjectMeta, PodSpec } from '../../kube/types';
import { ObjectBucket } from './watchedResources';

// kubectl's copy of the whole applied manifest: often the largest part of an object, never read.
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Raw = Record<string, any>;

export function trimObject(
  obj: Raw,
  bucket: ObjectBucket,
  apiVersion: string,
  kind: string,
): KubeObject {
  const base = {
    apiVersion: obj.apiVersion ?? apiVersion,
    kind: obj.kind ?? kind,
    metadata: trimMeta(obj.metadata ?? {}),
  };
  const spec = obj.spec ?? {};
  const status = obj.status ?? {};
  switch (bucket) {
    case 'pods':
      return {
        ...base,
        spec: trimPodSpec(spec),
        status: {
          phase: status.phase,
          podIP: status.podIP,
          conditions: (status.conditions ?? []).map((c: Raw) => ({
            type: c.type,
            status: c.status,
          })),
        },
      };
    case 'deployments':
    case 'statefulSets':
    case 'daemonSets':
      return {
        ...base,
        spec: {
          replicas: spec.replicas,
          selector: spec.selector,
          template: trimTemplate(spec.template),
        },
        status: pick(status, [
          'replicas',
          'availableReplicas',
          'readyReplicas',
          'desiredNumberScheduled',
          'currentNumberScheduled',
          'numberAvailable',
        ]),
      };
    case 'replicaSets':
      // Only the owner reference to its Deployment is read (pods → ReplicaSet → Deployment).
      return {
        ...base,
        spec: {
          replicas: spec.replicas,
          selector: spec.selector,
          template: {},
        },
      };
    case 'services':
      return {
        ...base,
        spec: {
          selector: spec.selector,
          type: spec.type,
          clusterIP: spec.clusterIP,
          ports: (spec.ports ?? []).map((p: Raw) =>
            pick(p, ['name', 'port', 'targetPort', 'protocol', 'appProtocol']),
          ),
        },
      };
    case 'meshConfigMap':
      return { ...base, data: obj.data } as KubeObject;
    case 'istio':
      // Istio config keeps its whole spec (checkers read it field by field) and its status
      // (Istio's own validation messages).
      return {
        ...base,
        spec: obj.spec,
        ...(obj.status ? { status: obj.status } : {}),
      };
    case 'gatewayClasses':
      // Which controller implements the class is all KIA1504 reads.
      return { ...base, spec: { controllerName: spec.controllerName } };
    default:
      return base;
  }
}

function trimMeta(meta: Raw): ObjectMeta {
  const annotations = meta.annotations ? { ...meta.annotations } : undefined;
  if (annotations) delete annotations[LAST_APPLIED];
  return dropUndefined({
    name: meta.name,
    namespace: meta.namespace,
    uid: meta.uid,
    labels: meta.labels,
    annotations,
    creationTimestamp: isoString(meta.creationTimestamp),
    resourceVersion: meta.resourceVersion,
    ownerReferences: meta.ownerReferences?.map((o: Raw) =>
      pick(o, ['kind', 'name', 'uid', 'controller']),
    ),
  }) as ObjectMeta;
}

function trimPodSpec(spec: Raw): PodSpec {
  const container = (c: Raw) =>
    dropUndefined({
      name: c.name,
      image: c.image,
      ports: c.ports?.map((p: Raw) => pick(p, ['containerPort', 'name'])),
    }) as PodSpec['containers'][number];
  return dropUndefined({
    serviceAccountName: spec.serviceAccountName,
    containers: (spec.containers ?? []).map(container),
    initContainers: spec.initContainers?.map(container),
  }) as PodSpec;
}

function trimTemplate(template: Raw | undefined) {
  if (!template) return undefined;
  const meta = template.metadata ?? {};
  return {
    metadata: dropUndefined({
      labels: meta.labels,
      annotations: meta.annotations,
    }),
    spec: trimPodSpec(template.spec ?? {}),
  };
}

function isoString(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : undefined;
}

function pick(obj: Raw, keys: string[]): Raw {
  const out: Raw = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

function dropUndefined<T extends Raw>(obj: T): T {
  for (const key of Object.keys(obj))
    if (obj[key] === undefined) delete obj[key];
  return obj;
}
