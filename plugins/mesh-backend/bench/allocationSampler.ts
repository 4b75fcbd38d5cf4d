/*
 * What a stretch of work allocates, garbage included: V8's sampling heap profiler through the
 * inspector, with objects that minor and major collections took counted too. Peak RSS follows
 * garbage as much as live objects (V8 lets the heap grow to a multiple of what it kept before
 * collecting, and keeps freed pages for reuse), so benchmarks report it beside the heap they add.
 */
import { Session } from 'inspector';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

export interface Allocations {
  totalMB: number;
  /** Functions that allocated most, `name (file:line)`, with their MB. */
  top: Array<{ where: string; mb: number }>;
}

const post = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );

/** Starts sampling; the returned function stops it and sums what was allocated meanwhile. */
export async function sampleAllocations(): Promise<() => Promise<Allocations>> {
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    const { profile } = await post<{ profile: { head: SamplingNode } }>(
      session,
      'HeapProfiler.stopSampling',
    );
    session.disconnect();
    const byWhere = new Map<string, number>();
    let total = 0;
    const walk = (node: SamplingNode) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = `${functionName || '(anonymous)'} (${url
        .split('/')
        .slice(-2)
        .join('/')}:${lineNumber + 1})`;
      byWhere.set(where, (byWhere.get(where) ?? 0) + node.selfSize);
      total += node.selfSize;
      node.children.forEach(walk);
    };
    walk(profile.head);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
    return {
      totalMB: mb(total),
      top: [...byWhere]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([where, bytes]) => ({ where, mb: mb(bytes) })),
    };
  };
}
