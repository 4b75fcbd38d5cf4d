/*
 * How a model refresh the store refuses comes back to the mesh-wide read: refused for its size,
 * the groups that fitted are kept; refused only by timeouts (the store's load of the moment),
 * they are merged back pairwise refresh after refresh. The store is a test double that answers one
 * sample per source namespace and refuses reads of more namespaces than it is told to take (the
 * splitting itself runs against a real Prometheus in readInGroups.prometheus.test.ts).
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { emptySnapshot, TrafficResult } from '../types';
import { mergedGroups } from './readInGroups';
import { TrafficModel } from './TrafficModel';

const NAMESPACES = Array.from({ length: 16 }, (_, i) => `ns-${i + 10}`);

class RefusingStore {
  readonly storeIdentity = 'refusing';
  /** Most namespaces one read may cover before it is refused (Infinity: any). */
  limit = Infinity;
  refusal: MeshSourceError = {
    source: 'telemetry',
    errorType: 'TIMEOUT',
    message: 'query timed out',
  };
  reads = 0;

  async getTraffic(query: {
    sourceNamespaces?: { in: string[] } | { notIn: string[] };
  }): Promise<TrafficResult> {
    this.reads++;
    const selected = !query.sourceNamespaces
      ? NAMESPACES
      : 'in' in query.sourceNamespaces
      ? query.sourceNamespaces.in
      : NAMESPACES.filter(
          n =>
            !(query.sourceNamespaces as { notIn: string[] }).notIn.includes(n),
        );
    if (selected.length > this.limit)
      return { value: emptySnapshot(), errors: [this.refusal] };
    return {
      value: {
        ...emptySnapshot(),
        requests: selected.map(n => ({
          labels: { source_workload_namespace: n },
          value: 1,
        })),
      },
      errors: [],
    };
  }

  async sourceNamespaces(): Promise<string[]> {
    return NAMESPACES;
  }
}

const modelOf = (store: RefusingStore) =>
  new TrafficModel({ store, windowsSeconds: [60], refreshMs: 30_000 });

describe('model refreshes refused by the store', () => {
  it('work back to the mesh-wide read after refusals by timeout', async () => {
    const store = new RefusingStore();
    const model = modelOf(store);
    store.limit = 3; // loaded now
    const parts = [(await model.refresh())[0].parts];
    expect(parts[0]).toBeGreaterThan(4);
    expect((await model.read(60))?.snapshot.requests).toHaveLength(16);
    store.limit = Infinity; // no longer
    for (let i = 0; i < 4; i++) parts.push((await model.refresh())[0].parts);
    // Fewer parts each refresh, then the mesh-wide read.
    expect(parts.slice(1)).toEqual([5, 3, 1, 1]);
    expect((await model.read(60))?.snapshot.requests).toHaveLength(16);
  });

  it('keep the groups that fitted after a refusal for size', async () => {
    const store = new RefusingStore();
    store.refusal = {
      source: 'telemetry',
      errorType: 'BAD_RESPONSE',
      message: 'query processing would load too many samples into memory',
    };
    store.limit = 5;
    const model = modelOf(store);
    const first = (await model.refresh())[0];
    store.reads = 0;
    const again = (await model.refresh())[0];
    expect(again.parts).toBe(first.parts);
    // Only the groups that fitted and the rest: no refused read again.
    expect(store.reads).toBe(again.parts);
    expect((await model.read(60))?.snapshot.requests).toHaveLength(16);
  });

  it('merges groups pairwise, none once two or fewer are left', () => {
    expect(mergedGroups([['a'], ['b'], ['c'], ['d'], ['e']])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
    expect(mergedGroups([['a'], ['b']])).toBeUndefined();
    expect(mergedGroups(undefined)).toBeUndefined();
  });
});
