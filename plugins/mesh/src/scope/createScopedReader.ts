/*
 * Reads mesh data for a MeshScope. A single entity is passed straight to the MeshApi; a System
 * fans out to its Components and merges their answers (lib/mergeResponses.ts). The routes that
 * the backend itself answers for Systems (dependencies, posture) are asked once, for the System.
 */
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  MeshDependenciesResponse,
  MeshEntityConfigResponse,
  MeshEntityGraphQuery,
  MeshEntityHealthResponse,
  MeshEntitySecurityResponse,
  MeshEntityTraceResponse,
  MeshEntityTracesQuery,
  MeshEntityWorkloadsResponse,
  MeshPostureResponse,
  MeshSeriesResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { MeshApi, MeshSeriesTarget } from '../api';
import {
  MemberAnswer,
  mergeConfigAnswers,
  MergedGraph,
  MergedTraces,
  mergeGraphs,
  mergeHealthAnswers,
  mergeSecurityAnswers,
  mergeTraceAnswers,
} from '../lib/mergeResponses';
import { MeshScope } from './MeshScope';

export interface ScopedMeshReader {
  scope: MeshScope;
  getGraph(query: MeshEntityGraphQuery): Promise<MergedGraph>;
  /** `origin` is the member whose graph holds the node or edge (see MergedGraph.origin). */
  getSeries(
    target: MeshSeriesTarget,
    window: string,
    origin?: string,
  ): Promise<MeshSeriesResponse>;
  getHealth(window: string): Promise<MeshEntityHealthResponse>;
  getSecurity(window: string): Promise<MeshEntitySecurityResponse>;
  getConfig(): Promise<MeshEntityConfigResponse>;
  getWorkloads(): Promise<MeshEntityWorkloadsResponse[]>;
  getTraces(query: MeshEntityTracesQuery): Promise<MergedTraces>;
  getTrace(traceId: string, origin?: string): Promise<MeshEntityTraceResponse>;
  getDependencies(window: string): Promise<MeshDependenciesResponse>;
  getPosture(window: string): Promise<MeshPostureResponse>;
}

const ERROR_TYPES: Record<number, MeshSourceError['errorType']> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/**
 * Asks every member; members that fail become per-source errors of the merged answer, so one
 * broken Component does not hide the others. Only when all fail does the whole read fail.
 */
async function fanOut<T extends { errors: MeshSourceError[] }>(
  members: CompoundEntityRef[],
  read: (member: CompoundEntityRef) => Promise<T>,
): Promise<{ answers: MemberAnswer<T>[]; failures: MeshSourceError[] }> {
  const settled = await Promise.allSettled(members.map(read));
  const answers: MemberAnswer<T>[] = [];
  const failures: MeshSourceError[] = [];
  settled.forEach((result, i) => {
    const entityRef = stringifyEntityRef(members[i]);
    if (result.status === 'fulfilled') {
      answers.push({ entityRef, value: result.value });
    } else {
      const statusCode: number | undefined = result.reason?.statusCode;
      failures.push({
        source: 'catalog',
        errorType: (statusCode && ERROR_TYPES[statusCode]) || 'SYSTEM_ERROR',
        ...(statusCode ? { statusCode } : {}),
        message: `${entityRef}: ${
          result.reason?.message ?? String(result.reason)
        }`,
      });
    }
  });
  if (answers.length === 0 && settled.length > 0) {
    throw (settled[0] as PromiseRejectedResult).reason;
  }
  return { answers, failures };
}

async function merged<
  T extends { errors: MeshSourceError[] },
  M extends { errors: MeshSourceError[] },
>(
  scope: MeshScope,
  read: (member: CompoundEntityRef) => Promise<T>,
  merge: (systemRef: string, answers: MemberAnswer<T>[]) => M,
): Promise<M> {
  const { answers, failures } = await fanOut(scope.members, read);
  const result = merge(scope.entityRef, answers);
  return { ...result, errors: [...failures, ...result.errors] };
}

export function createScopedReader(
  api: MeshApi,
  scope: MeshScope,
): ScopedMeshReader {
  const single = scope.kind === 'entity';
  const self = scope.compoundRef;
  const member = (ref?: string): CompoundEntityRef =>
    scope.members.find(m => stringifyEntityRef(m) === ref) ??
    scope.members[0] ??
    self;

  return {
    scope,
    async getGraph(query) {
      if (single)
        return { ...(await api.getEntityGraph(self, query)), origin: {} };
      return merged(scope, m => api.getEntityGraph(m, query), mergeGraphs);
    },
    getSeries(target, window, origin) {
      return api.getEntitySeries(single ? self : member(origin), {
        window,
        ...target,
      });
    },
    getHealth(window) {
      if (single) return api.getEntityHealth(self, { window });
      return merged(
        scope,
        m => api.getEntityHealth(m, { window }),
        mergeHealthAnswers,
      );
    },
    getSecurity(window) {
      if (single) return api.getEntitySecurity(self, { window });
      return merged(
        scope,
        m => api.getEntitySecurity(m, { window }),
        mergeSecurityAnswers,
      );
    },
    getConfig() {
      if (single) return api.getEntityConfig(self);
      return merged(scope, m => api.getEntityConfig(m), mergeConfigAnswers);
    },
    async getWorkloads() {
      const { answers } = await fanOut(scope.members, m =>
        api.getEntityWorkloads(m),
      );
      return answers.map(a => a.value);
    },
    async getTraces(query) {
      if (single)
        return { ...(await api.getEntityTraces(self, query)), origin: {} };
      return merged(
        scope,
        m => api.getEntityTraces(m, query),
        mergeTraceAnswers,
      );
    },
    getTrace(traceId, origin) {
      return api.getEntityTrace(single ? self : member(origin), traceId);
    },
    getDependencies(window) {
      return api.getEntityDependencies(self, { window });
    },
    getPosture(window) {
      return api.getEntityPosture(self, { window });
    },
  };
}
