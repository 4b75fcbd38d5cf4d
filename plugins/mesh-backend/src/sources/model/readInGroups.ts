/*
 * A model refresh that a store refuses as too large — more series than its sample limit
 * (Prometheus' `--query.max-samples`, Thanos/Mimir limits), a response over `maxResponseBytes`,
 * or its query timeout — is read again in bounded parts: by groups of source namespaces, halved
 * until each part fits. Every sample has one source namespace, so the parts partition the
 * mesh-wide result, and every aggregation keeps that label, so their union equals it (latency
 * quantiles included). A last part takes the source namespaces not listed (new since the listing,
 * or not a Kubernetes name), so nothing is lost.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { concatTraffic, TrafficResult } from '../types';

export interface GroupedStore {
  getTraffic(
    query: {
      windowSeconds: number;
      time: Date;
      sourceNamespaces?: { in: string[] } | { notIn: string[] };
    },
    options: { exact: boolean },
  ): Promise<TrafficResult>;
  /** The source namespaces with traffic now: a cheap instant query (one sample per series). */
  sourceNamespaces(time: Date): Promise<string[]>;
}

/** Errors that say the query was too big for the store, not that the store is broken. */
export function overLimit(errors: MeshSourceError[]): boolean {
  return errors.some(
    e =>
      e.errorType === 'TIMEOUT' ||
      /exceeds the \d+-byte limit|too many samples|limit exceeded|exceeded the limit/i.test(
        e.message,
      ),
  );
}

export async function readInGroups(
  store: GroupedStore,
  query: { windowSeconds: number; time: Date },
): Promise<TrafficResult & { parts: number }> {
  const whole = await store.getTraffic(query, { exact: true });
  if (!overLimit(whole.errors)) return { ...whole, parts: 1 };
  let namespaces: string[];
  try {
    namespaces = [...new Set(await store.sourceNamespaces(query.time))].sort();
  } catch {
    return { ...whole, parts: 1 };
  }
  if (namespaces.length === 0) return { ...whole, parts: 1 };
  const results: TrafficResult[] = [];
  const read = async (group: string[]): Promise<void> => {
    const part = await store.getTraffic(
      { ...query, sourceNamespaces: { in: group } },
      { exact: true },
    );
    if (overLimit(part.errors) && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      await read(group.slice(0, half));
      await read(group.slice(half));
    } else results.push(part);
  };
  // One part after the other: the point is to bound the load on the store.
  const half = Math.ceil(namespaces.length / 2);
  await read(namespaces.slice(0, half));
  if (half < namespaces.length) await read(namespaces.slice(half));
  results.push(
    await store.getTraffic(
      { ...query, sourceNamespaces: { notIn: namespaces } },
      { exact: true },
    ),
  );
  return { ...concatTraffic(results), parts: results.length };
}
