/*
 * Overview insights: which entities stand out by error rate, p95 latency and change of traffic
 * against the previous window. A pure function of two overview answers (this window and the one
 * before), so the browser only renders and every caller sees lists built from the entities it may
 * read (the overview already withholds the others).
 */
import {
  MeshEntityTraffic,
  MeshInsight,
  MeshInsightsResponse,
} from '@mesh-portal/plugin-mesh-common';
import { MeshRollupService, RollupRequest } from './MeshRollupService';
import { uniqueErrors } from './sourceErrors';

const total = (e: MeshEntityTraffic) => e.rpsIn + e.rpsOut;

function row(
  e: MeshEntityTraffic,
  value: number,
  previous: number | null,
): MeshInsight {
  return {
    entityRef: e.entityRef,
    ...(e.title ? { title: e.title } : {}),
    ...(e.owner ? { owner: e.owner } : {}),
    rpsIn: e.rpsIn,
    value,
    previous,
  };
}

/** Largest first; ties by entity ref, so the lists are stable between refreshes. */
const ranked = (
  rows: MeshInsight[],
  by: (r: MeshInsight) => number,
  n: number,
) =>
  rows
    .sort((a, b) => by(b) - by(a) || a.entityRef.localeCompare(b.entityRef))
    .slice(0, n);

export function rankInsights(
  current: MeshEntityTraffic[],
  previous: MeshEntityTraffic[],
  limit: number,
): Pick<MeshInsightsResponse, 'errorRate' | 'latency' | 'trafficChange'> {
  const before = new Map(previous.map(e => [e.entityRef, e]));
  const prev = (e: MeshEntityTraffic) => before.get(e.entityRef);
  const errorRate = current
    .filter(e => e.rpsIn > 0 && (e.errorRateIn ?? 0) > 0)
    .map(e => row(e, e.errorRateIn!, prev(e)?.errorRateIn ?? null));
  const latency = current
    .filter(e => e.p95In !== null)
    .map(e => row(e, e.p95In!, prev(e)?.p95In ?? null));
  // An entity that had traffic before and has none now is a change too.
  const refs = new Set([...current, ...previous].map(e => e.entityRef));
  const byRef = new Map(current.map(e => [e.entityRef, e]));
  const trafficChange = [...refs]
    .map(ref => {
      const now = byRef.get(ref) ?? {
        ...before.get(ref)!,
        rpsIn: 0,
        rpsOut: 0,
      };
      const then = before.get(ref);
      return row(now, total(now), then ? total(then) : null);
    })
    .filter(r => r.value !== (r.previous ?? 0));
  return {
    errorRate: ranked(errorRate, r => r.value, limit),
    latency: ranked(latency, r => r.value, limit),
    trafficChange: ranked(
      trafficChange,
      r => Math.abs(r.value - (r.previous ?? 0)),
      limit,
    ),
  };
}

/** Both overviews in parallel: the current window and the one that ends where it starts. */
export async function readInsights(
  rollup: MeshRollupService,
  request: RollupRequest,
  limit: number,
): Promise<MeshInsightsResponse> {
  const time = request.time ?? new Date();
  const start = new Date(time.getTime() - request.windowSeconds * 1000);
  const [now, before] = await Promise.all([
    rollup.getOverview({ ...request, time }),
    rollup.getOverview({ ...request, time: start }),
  ]);
  return {
    windowSeconds: now.windowSeconds,
    timestamp: now.timestamp,
    previousTimestamp: before.timestamp,
    limit,
    ...rankInsights(now.entities, before.entities, limit),
    ...(now.withheldMembers ? { withheldMembers: now.withheldMembers } : {}),
    errors: uniqueErrors([...now.errors, ...before.errors]),
  };
}
