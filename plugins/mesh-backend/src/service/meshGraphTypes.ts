/* The requests MeshGraphService (./MeshGraphService) answers, and its mesh-wide answer. */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { MeshGraph, MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { EntityInfo } from '../graph/appenders/linkEntities';
import { ObjectHealth } from '../health/objectHealth';
import { Workload } from '../kube/workloads';
import { MeshTarget } from '../scope/targetMapping';
import type { AnswerRecipe } from './answerRecipes';
import { Inventory } from './readInventory';
import type { Reuse } from './sharedAnswers';

export interface MeshGraphRequest {
  windowSeconds: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
  /** Skip latency (cheaper for long windows). */
  withoutLatency?: boolean;
  /** Cut the graph to these workloads' neighbourhood (computed from the inventory). */
  focus?: (inventory: Inventory) => { workloads: Workload[]; hops: number };
}

export interface EntityGraphRequest {
  /** The Component, Resource, System or Group, with its members (../scope/targetMapping). */
  target: MeshTarget;
  windowSeconds: number;
  hops: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
}

/** A mesh-wide graph (or a neighbourhood of it) linked to what the caller may see of the catalog. */
export interface MeshAnswer {
  graph: MeshGraph;
  inventory: Inventory;
  entities: Entity[];
  entityInfo: Map<string, EntityInfo>;
  focusWorkloads: Workload[];
  /** Request health of every workload, app and Service: what every view's health is made of. */
  objectHealth: ObjectHealth;
  /**
   * Computes what is derived from this mesh-wide answer alone once for every caller who sees the
   * same (see {@link answerKey}); computes every time for a focus or a past time.
   */
  reuse: Reuse;
  /** For a model's snapshot: what is derived from it is computed for the next one too (./answerRecipes). */
  again?: AnswerRecipe<MeshAnswer>;
}
