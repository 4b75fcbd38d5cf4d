/*
 * A test double of the mesh model's store (../sources/model/TrafficModel ModelStore) that answers
 * every read with `next`: the model tests check which snapshot each replica serves and when, not
 * Prometheus (../sources/model/meshModel.prometheus.test uses a real one).
 */
import { emptySnapshot, TrafficResult } from '../sources/types';
import { ModelStore } from '../sources/model/TrafficModel';
import { ModelRead } from '../sources/model/readInGroups';

export class FakeModelStore implements ModelStore {
  constructor(readonly storeIdentity = 'store-a') {}
  next: TrafficResult = { value: emptySnapshot(), errors: [] };
  /** The reads it was asked for, in order. */
  readonly reads: ModelRead[] = [];
  async getTraffic(query: ModelRead): Promise<TrafficResult> {
    this.reads.push(query);
    return this.next;
  }
  async sourceNamespaces(): Promise<string[]> {
    return [];
  }
}
