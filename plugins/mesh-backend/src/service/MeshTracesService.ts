/*
 * An entity's traces: recent traces through its tracing services, and one trace in full. Each
 * source is asked once per lookup name, concurrently; a failing source becomes a typed error in
 * the response while the others still answer. A trace is served only if it passes through the
 * entity: the caller's permission is checked for this entity, so the route must not become a way
 * to read any trace by id.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  MeshEntityTraceResponse,
  MeshEntityTracesResponse,
  MeshEntityTraceSummary,
  MeshSourceError,
  MeshSpan,
  MeshTrace,
  TRACING_SERVICE_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';
import { ScopeResolver } from '../scope/ScopeResolver';
import { NameMappingPolicy } from '../mapping/nameMapping';
import {
  namedInTraces,
  NO_TRACE_REDACTION,
  TraceRedaction,
  traceRedaction,
} from '../access/redactTraces';
import { Entity } from '@backstage/catalog-model';
import { spanFromWorkload } from '../sources/tracing/spanWorkload';
import { summarize } from '../sources/tracing/summarize';
import { traceSourceError } from '../sources/tracing/TracingHttpClient';
import { MeshSources, SourceResult } from '../sources/types';
import { readInventory } from './readInventory';
import { uniqueErrors } from './sourceErrors';
import { mapTarget, MeshTarget } from '../scope/targetMapping';
import { workloadKey } from '../mapping/mapEntity';
import { targetTraceTargets, TraceLookup, TraceTarget } from './traceTargets';

export interface EntityTracesRequest {
  target: MeshTarget;
  lookbackSeconds: number;
  limit: number;
  minDurationMicros?: number;
  errorsOnly: boolean;
  time?: Date;
  /** The caller: spans of workloads whose entity the caller may not read are withheld (../access). */
  credentials?: BackstageCredentials;
}

/** A source call that cannot throw: failures become per-source errors of the target's cluster. */
async function ask<T>(
  target: TraceTarget,
  fallback: T,
  run: () => Promise<SourceResult<T>>,
): Promise<SourceResult<T>> {
  let result: SourceResult<T>;
  try {
    result = await run();
  } catch (error) {
    result = { value: fallback, errors: [traceSourceError(error)] };
  }
  return {
    value: result.value,
    errors: result.errors.map(e => ({
      ...e,
      cluster: e.cluster ?? target.clusters[0],
    })),
  };
}

function isEntitySpan(span: MeshSpan, lookups: TraceLookup[]): boolean {
  return lookups.some(
    l =>
      l.serviceName === span.serviceName &&
      (!l.workloads || l.workloads.some(w => spanFromWorkload(span, w))),
  );
}

export class MeshTracesService {
  constructor(
    private readonly options: {
      sources: MeshSources;
      nameMapping: NameMappingPolicy;
      scope?: ScopeResolver;
    },
  ) {}

  /**
   * What the caller may not see of other services' spans in `traces` (what was found); nothing is
   * withheld without a caller. The caller's scope is asked about what the traces name only
   * (../access/redactTraces' namedInTraces): their workloads, and entities naming their services.
   */
  private async redaction(
    credentials: BackstageCredentials | undefined,
    errors: MeshSourceError[],
    traces: unknown[],
  ): Promise<TraceRedaction> {
    if (!credentials || !this.options.scope) return NO_TRACE_REDACTION;
    const inventory = await readInventory(this.options.sources);
    const named = namedInTraces(
      traces,
      inventory.workloads,
      inventory.services,
    );
    // Trace names entities claim by annotation (the default key and any a source renames it to).
    const keys = new Set([
      TRACING_SERVICE_ANNOTATION,
      ...inventory.clusters.flatMap(
        c =>
          this.options.sources.tracesFor(c.name)?.serviceNameAnnotation ?? [],
      ),
    ]);
    const traceNames = (e: Entity) =>
      [...keys].flatMap(key =>
        (e.metadata.annotations?.[key] ?? '').split(',').map(n => n.trim()),
      );
    const scope = await this.options.scope.scopeForWorkloads(
      credentials,
      inventory,
      named.workloadKeys,
      errors,
      e => traceNames(e).some(name => !!name && named.mentions(name)),
    );
    const hiddenTraceNames = new Set(scope.hiddenEntities.flatMap(traceNames));
    hiddenTraceNames.delete('');
    return traceRedaction(
      scope,
      inventory.workloads,
      inventory.services,
      hiddenTraceNames,
    );
  }

  /**
   * Which of the target's own workloads the caller may not see (a hidden entity also claims them):
   * their tracing names are never looked up as the target's, as a graph never focuses them.
   */
  private async hiddenFocus(
    target: MeshTarget,
    credentials: BackstageCredentials | undefined,
    errors: MeshSourceError[],
  ): Promise<((workloadKey: string) => boolean) | undefined> {
    if (!credentials || !this.options.scope) return undefined;
    const inventory = await readInventory(this.options.sources);
    const { workloads } = mapTarget(
      target,
      inventory.workloads,
      this.options.nameMapping,
    );
    if (workloads.length === 0) return undefined;
    const scope = await this.options.scope.scopeForWorkloads(
      credentials,
      inventory,
      workloads.map(workloadKey),
      errors,
    );
    return key => scope.visibility.isHidden(key);
  }

  async listEntityTraces(
    request: EntityTracesRequest,
  ): Promise<MeshEntityTracesResponse> {
    const { target, lookbackSeconds, limit, minDurationMicros, errorsOnly } =
      request;
    const end = request.time ?? new Date();
    const focusErrors: MeshSourceError[] = [];
    const { targets, serviceNames, warnings, errors } =
      await targetTraceTargets(
        target,
        this.options.sources,
        this.options.nameMapping,
        await this.hiddenFocus(target, request.credentials, focusErrors),
      );
    errors.push(...focusErrors);
    const answers = await Promise.all(
      targets.flatMap(traceTarget =>
        traceTarget.lookups.map(async lookup => ({
          traceTarget,
          result: await ask(traceTarget, [], () =>
            traceTarget.source.findTraces({
              serviceName: lookup.serviceName,
              end,
              lookbackSeconds,
              limit,
              ...(minDurationMicros ? { minDurationMicros } : {}),
              ...(errorsOnly ? { errorsOnly } : {}),
              ...(lookup.workloads ? { workloads: lookup.workloads } : {}),
            }),
          ),
        })),
      ),
    );
    const byId = new Map<string, MeshEntityTraceSummary>();
    for (const { traceTarget, result } of answers) {
      errors.push(...result.errors);
      for (const summary of result.value) {
        const seen = byId.get(summary.traceId);
        if (seen) {
          seen.clusters = [
            ...new Set([...seen.clusters, ...traceTarget.clusters]),
          ];
          continue;
        }
        const webUrl = traceTarget.source.traceWebUrl?.(summary.traceId);
        byId.set(summary.traceId, {
          ...summary,
          clusters: [...traceTarget.clusters],
          ...(webUrl ? { webUrl } : {}),
        });
      }
    }
    const found = [...byId.values()]
      .sort((a, b) => b.startTimeMicros - a.startTimeMicros)
      .slice(0, limit);
    const redaction = await this.redaction(request.credentials, errors, found);
    const traces = found.map(t => redaction.summary(t));
    if (traces.length === 0 && errors.length === 0)
      warnings.push(...(await this.unknownServiceWarnings(targets)));
    return {
      entityRef: target.entityRef,
      serviceNames,
      lookbackSeconds,
      limit,
      ...(minDurationMicros ? { minDurationMicros } : {}),
      errorsOnly,
      traces,
      warnings,
      errors: uniqueErrors(errors),
    };
  }

  /** The trace, if it passes through the entity; a trace that no source knows is a NotFoundError. */
  async getEntityTrace(
    meshTarget: MeshTarget,
    traceId: string,
    credentials?: BackstageCredentials,
  ): Promise<MeshEntityTraceResponse> {
    const { entityRef } = meshTarget;
    const focusErrors: MeshSourceError[] = [];
    const { targets, errors } = await targetTraceTargets(
      meshTarget,
      this.options.sources,
      this.options.nameMapping,
      await this.hiddenFocus(meshTarget, credentials, focusErrors),
    );
    errors.push(...focusErrors);
    const answers = await Promise.all(
      targets.map(async target => ({
        target,
        result: await ask<MeshTrace | undefined>(target, undefined, () =>
          target.source.getTrace(traceId),
        ),
      })),
    );
    const sourceErrors: MeshSourceError[] = answers.flatMap(
      a => a.result.errors,
    );
    const found = answers.find(({ target, result }) =>
      result.value?.spans.some(s => isEntitySpan(s, target.lookups)),
    );
    if (!found) {
      // Nothing answered for a reason (a source, or the caller's catalog read): say it, no 404.
      if (sourceErrors.length === 0 && focusErrors.length === 0)
        throw new NotFoundError(
          `Trace ${traceId} was not found among the traces of ${entityRef}`,
        );
      return { entityRef, errors: uniqueErrors([...errors, ...sourceErrors]) };
    }
    const { target, result } = found;
    const trace = result.value!;
    const redaction = await this.redaction(credentials, errors, trace.spans);
    const webUrl = target.source.traceWebUrl?.(trace.traceId);
    return {
      entityRef,
      trace: {
        traceId: trace.traceId,
        spans: trace.spans.map(s =>
          redaction.span({ ...s, isFocus: isEntitySpan(s, target.lookups) }),
        ),
        summary: redaction.summary(summarize(trace)),
        clusters: target.clusters,
        ...(webUrl ? { webUrl } : {}),
      },
      errors: uniqueErrors([...errors, ...sourceErrors]),
    };
  }

  /** Why an empty list may be empty: a looked-up name the backend has never seen. */
  private async unknownServiceWarnings(
    targets: TraceTarget[],
  ): Promise<string[]> {
    const warnings = await Promise.all(
      targets.map(async target => {
        if (!target.source.listServices) return [];
        const known = await ask(target, [] as string[], () =>
          target.source.listServices!(),
        );
        if (known.errors.length > 0 || known.value.length === 0) return [];
        return target.lookups
          .filter(l => !known.value.includes(l.serviceName))
          .map(
            l =>
              `The trace backend of ${target.clusters.join(
                ', ',
              )} has no service named ${l.serviceName}; set the ${
                target.source.serviceNameAnnotation ??
                TRACING_SERVICE_ANNOTATION
              } annotation if it reports under another name`,
          );
      }),
    );
    return warnings.flat();
  }
}
