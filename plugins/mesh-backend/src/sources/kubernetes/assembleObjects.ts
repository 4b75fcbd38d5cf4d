/*
 * A cluster's objects assembled from its watchers (./ClusterWatchCache), bucket by bucket: a bucket
 * whose watchers did not change since the last assembly keeps its array. A cluster changes pods
 * all the time; a pod replaced then makes new `pods` but keeps the `istio`, `services`, … arrays,
 * so what is derived from those alone (Istio validation, Service indexes, ServiceEntries) is not
 * made again (../../service/readInventory keeps its united lists the same way).
 */
import { meshConfigOf } from '../../kube/meshConfig';
import {
  ClusterObjects,
  emptyClusterObjects,
  KubeObject,
} from '../../kube/types';
import {
  ObjectBucket,
  resourceLabel,
  WatchedResource,
} from './watchedResources';

export interface WatchedEntry {
  resource: WatchedResource;
  watcher: { generation: number; objects(): KubeObject[] };
}

export interface Assembled {
  objects: ClusterObjects;
  /** Per bucket, the generations of its watchers the bucket was made from. */
  generations: Map<ObjectBucket, string>;
}

/** The objects of `entries`; `previous` itself when no watcher changed since it was assembled. */
export function assembleObjects(
  entries: WatchedEntry[],
  rootNamespace: string | undefined,
  previous?: Assembled,
): Assembled {
  const byBucket = new Map<ObjectBucket, WatchedEntry[]>();
  for (const entry of entries) {
    const list = byBucket.get(entry.resource.bucket);
    if (list) list.push(entry);
    else byBucket.set(entry.resource.bucket, [entry]);
  }
  const generations = new Map<ObjectBucket, string>();
  for (const [bucket, list] of byBucket)
    generations.set(
      bucket,
      list
        .map(e => `${resourceLabel(e.resource)}:${e.watcher.generation}`)
        .join(','),
    );
  const kept = (bucket: ObjectBucket) =>
    previous?.generations.get(bucket) === generations.get(bucket);
  if (
    previous &&
    previous.generations.size === generations.size &&
    [...byBucket.keys()].every(kept)
  )
    return previous;
  const objects = emptyClusterObjects();
  objects.meshConfig = { rootNamespace };
  for (const [bucket, list] of byBucket) {
    if (bucket === 'meshConfigMap')
      objects.meshConfig = kept(bucket)
        ? previous!.objects.meshConfig
        : {
            ...objects.meshConfig,
            ...meshConfigOf(
              list[0].watcher.objects()[0] as { data?: Record<string, string> },
            ),
          };
    else
      (objects[bucket] as KubeObject[]) = kept(bucket)
        ? previous!.objects[bucket]
        : list.flatMap(e => e.watcher.objects());
  }
  return { objects, generations };
}
