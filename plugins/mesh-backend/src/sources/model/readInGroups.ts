/*
 * A model refresh that a store refuses as too large — more series than its sample limit
 * (Prometheus' `--query.max-samples`, Thanos/Mimir limits), a response over `maxResponseBytes`,
 * or its query timeout — is read again in bounded parts: by groups of source namespaces, halved
 * until each part fits. Every sample has one source namespace, so the parts partition the
 * mesh-wide result, and every aggregation keeps that label, so their union equals it (latency
 * quantiles included). A last part takes the source namespaces not listed (new since the listing,
 * or not a Kubernetes name), so nothing is lost.
 * The groups that fitted are returned, and the next refresh of the window starts from them
 * (`remembered`): a store that refuses the mesh-wide read for its size refuses it every time, and
 * each refusal costs it a full evaluation (at 5,000 workloads, four refused rounds cost three
 * times the read). A refusal by timeout may be the store's load of the moment (in bench:scale a
 * first refresh during start-up left every later one in 9 parts, ~3× the whole read's time and
 * 9× its queries), so after a read refused only by timeouts the caller merges the groups back
 * pairwise ({@link mergedGroups}) until the mesh-wide read is tried again.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { concatTraffic, TrafficResult } from '../types';

/** One window's read for the model: without latency when no view reads it (./TrafficModel). */
export interface ModelRead {
  windowSeconds: number;
  time: Date;
  withoutLatency?: boolean;
}

export interface GroupedStore {
  getTraffic(
    query: ModelRead & {
      sourceNamespaces?: { in: string[] } | { notIn: string[] };
    },
    options: { exact: boolean },
  ): Promise<TrafficResult>;
  /** The source namespaces with traffic now: a cheap instant query (one sample per series). */
  sourceNamespaces(time: Date): Promise<string[]>;
}

/** Errors that say the query was too big for the store, not that the store is broken. */
export function overLimit(errors: MeshSourceError[]): boolean {
  return errors.some(e => e.errorType === 'TIMEOUT') || overSize(errors);
}

/** Errors of a size limit (samples, bytes): the same query is refused every time. */
function overSize(errors: MeshSourceError[]): boolean {
  return errors.some(e =>
    /exceeds the \d+-byte limit|too many samples|limit exceeded|exceeded the limit/i.test(
      e.message,
    ),
  );
}

/**
 * The groups to start the next refresh from after a read refused only by timeouts: neighbours
 * merged pairwise, none (the mesh-wide read) once two or fewer are left.
 */
export function mergedGroups(groups?: string[][]): string[][] | undefined {
  if (!groups || groups.length <= 2) return undefined;
  const merged: string[][] = [];
  for (let i = 0; i < groups.length; i += 2)
    merged.push([...groups[i], ...(groups[i + 1] ?? [])]);
  return merged;
}

export interface GroupedRead extends TrafficResult {
  parts: number;
  /** The source namespace groups read in parts; none when the mesh-wide read fitted. */
  groups?: string[][];
  /** A part or the mesh-wide read was refused for its size (not only by timeouts). */
  sizeRefused?: boolean;
}

export async function readInGroups(
  store: GroupedStore,
  query: ModelRead,
  remembered?: string[][],
): Promise<GroupedRead> {
  if (remembered?.length) {
    const again = await readGroups(store, query, remembered);
    if (again) return again;
  }
  const whole = await store.getTraffic(query, { exact: true });
  if (!overLimit(whole.errors)) return { ...whole, parts: 1 };
  const sizeRefused = overSize(whole.errors);
  let namespaces: string[];
  try {
    namespaces = [...new Set(await store.sourceNamespaces(query.time))].sort();
  } catch {
    return { ...whole, parts: 1 };
  }
  if (namespaces.length === 0) return { ...whole, parts: 1 };
  const half = Math.ceil(namespaces.length / 2);
  const groups = [namespaces.slice(0, half), namespaces.slice(half)].filter(
    g => g.length > 0,
  );
  // Complete: a refused last part is kept with its error, as before.
  const read = (await readGroups(store, query, groups, true))!;
  return { ...read, sizeRefused: sizeRefused || read.sizeRefused };
}

/**
 * Reads the groups one after the other (the point is to bound the load on the store), halving a
 * refused one, then the namespaces no group lists. Without `complete` (remembered groups), a
 * refused last part means the namespaces moved: undefined, to list them again.
 */
async function readGroups(
  store: GroupedStore,
  query: ModelRead,
  groups: string[][],
  complete = false,
): Promise<GroupedRead | undefined> {
  const results: TrafficResult[] = [];
  const fitted: string[][] = [];
  let sizeRefused = false;
  const read = async (group: string[]): Promise<void> => {
    const part = await store.getTraffic(
      { ...query, sourceNamespaces: { in: group } },
      { exact: true },
    );
    sizeRefused ||= overSize(part.errors);
    if (overLimit(part.errors) && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      await read(group.slice(0, half));
      await read(group.slice(half));
    } else {
      results.push(part);
      fitted.push(group);
    }
  };
  for (const group of groups) await read(group);
  const rest = await store.getTraffic(
    { ...query, sourceNamespaces: { notIn: groups.flat() } },
    { exact: true },
  );
  if (!complete && overLimit(rest.errors)) return undefined;
  sizeRefused ||= overSize(rest.errors);
  results.push(rest);
  return {
    ...concatTraffic(results),
    parts: results.length,
    groups: fitted,
    sizeRefused,
  };
}
