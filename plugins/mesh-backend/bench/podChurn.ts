/*
 * A cluster that changes while bench:scale runs (BENCH_POD_CHURN, pods replaced a minute): what a
 * cluster of 5,000 workloads sends all the time — rollouts, evictions, autoscaling. Each
 * replacement is what the API server's watch shows of one: the old pod DELETED, its successor
 * ADDED (Pending, not ready) under a new name, and MODIFIED to Running and ready 5 s later. Pods
 * are picked round the cluster in a fixed stride, so runs replace the same pods in the same order.
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

/** Replaces `perMinute` pods a minute until the returned function is called. */
export function churnPods(
  server: KubeApiTestServer,
  pods: any[],
  perMinute: number,
): () => void {
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
    server.store.remove(old);
    server.apply(successor);
    pods[i] = successor;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (pods[i] !== successor) return;
      pods[i] = ready(successor);
      server.apply(pods[i]);
    }, READY_AFTER_MS);
    timers.add(timer);
  };
  const interval = setInterval(replace, 60_000 / perMinute);
  return () => {
    clearInterval(interval);
    for (const t of timers) clearTimeout(t);
  };
}
