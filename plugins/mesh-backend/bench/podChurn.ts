/*
 * A cluster that changes while bench:scale runs (BENCH_POD_CHURN, pods replaced a minute): what a
 * cluster of 5,000 workloads sends all the time — rollouts, evictions, autoscaling. Each
 * replacement is what the API server's watches show of one: the old pod DELETED and its
 * Deployment MODIFIED with one replica less available, the successor ADDED (Pending, not ready)
 * under a new name, and 5 s later the successor MODIFIED to Running and ready and the Deployment
 * back to every replica available. Pods are picked round the cluster in a fixed stride, so runs
 * replace the same pods in the same order.
 */
import type { KubeApiTestServer } from '../src/__testUtils__/kubeApi/KubeApiTestServer';

const READY_AFTER_MS = 5000;

function notReady(pod: any, name: string, sequence: number): any {
  const time = new Date().toISOString();
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      name,
      uid: `churn-${sequence}`,
      creationTimestamp: time,
    },
    status: {
      ...pod.status,
      phase: 'Pending',
      startTime: time,
      conditions: pod.status.conditions.map((c: any) => ({
        ...c,
        status:
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? 'False'
            : c.status,
        lastTransitionTime: time,
      })),
      containerStatuses: pod.status.containerStatuses.map((s: any) => ({
        ...s,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}

function ready(pod: any): any {
  const time = new Date().toISOString();
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      conditions: pod.status.conditions.map((c: any) => ({
        ...c,
        status: 'True',
        lastTransitionTime: time,
      })),
      containerStatuses: pod.status.containerStatuses.map((s: any) => ({
        ...s,
        ready: true,
        started: true,
        state: { running: { startedAt: time } },
      })),
    },
  };
}

/** The Deployment of each pod (through its ReplicaSet), from the cluster's objects. */
function deploymentsOf(objects: any[]) {
  const byKey = new Map<string, any>();
  const key = (o: any) => `${o.metadata.namespace}/${o.metadata.name}`;
  for (const o of objects) if (o.kind === 'Deployment') byKey.set(key(o), o);
  const ofReplicaSet = new Map<string, any>();
  for (const o of objects)
    if (o.kind === 'ReplicaSet')
      ofReplicaSet.set(
        key(o),
        byKey.get(
          `${o.metadata.namespace}/${o.metadata.ownerReferences?.[0]?.name}`,
        ),
      );
  return (pod: any) =>
    ofReplicaSet.get(
      `${pod.metadata.namespace}/${pod.metadata.ownerReferences?.[0]?.name}`,
    );
}

/** A Deployment with `missing` of its replicas not available. */
function available(deployment: any, missing: number) {
  const replicas = deployment.spec?.replicas ?? 1;
  return {
    ...deployment,
    status: {
      ...deployment.status,
      readyReplicas: replicas - missing,
      availableReplicas: replicas - missing,
      unavailableReplicas: missing || undefined,
    },
  };
}

/** Replaces `perMinute` pods a minute of the cluster's `objects` until the returned function is called. */
export function churnPods(
  server: KubeApiTestServer,
  objects: any[],
  perMinute: number,
): () => void {
  const pods = objects.filter(o => o.kind === 'Pod');
  const deploymentOf = deploymentsOf(objects);
  const missing = new Map<any, number>();
  const setMissing = (deployment: any, change: number) => {
    if (!deployment) return;
    const now = (missing.get(deployment) ?? 0) + change;
    missing.set(deployment, now);
    server.apply(available(deployment, now));
  };
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;
  // A stride coprime with most sizes walks the whole cluster before picking a pod twice.
  const STRIDE = 7919;
  const replace = () => {
    const i = (sequence * STRIDE) % pods.length;
    const old = pods[i];
    sequence++;
    const name = `${old.metadata.name.replace(
      /-[^-]+$/,
      '',
    )}-c${sequence.toString(36)}`;
    const successor = notReady(old, name, sequence);
    const deployment = deploymentOf(old);
    server.store.remove(old);
    setMissing(deployment, 1);
    server.apply(successor);
    pods[i] = successor;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (pods[i] !== successor) return;
      pods[i] = ready(successor);
      server.apply(pods[i]);
      setMissing(deployment, -1);
    }, READY_AFTER_MS);
    timers.add(timer);
  };
  const interval = setInterval(replace, 60_000 / perMinute);
  return () => {
    clearInterval(interval);
    for (const t of timers) clearTimeout(t);
  };
}
