/* Runs one of Kiali's graph tests through our pipeline and compares the result with Kiali's graph. */
import fs from 'fs';
import path from 'path';
import { MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { FIXTURES_DIR } from '../../__testUtils__/fixtures';
import { buildGraph } from '../buildGraph';
import {
  focusObjects,
  KialiGraphCase,
  kialiSnapshot,
  KialiRequest,
  parseKialiRequest,
} from './kialiGraphCases';
import {
  compareGraphs,
  fromKiali,
  fromOurs,
  GraphDifference,
} from './kialiGraphCompare';

/** Kiali's tests run at this `queryTime` over a 600 s window. */
const QUERY_TIME = new Date(1523364075 * 1000);
/** The cluster Kiali's node-detail tests configure (`conf.KubernetesConfig.ClusterName`). */
const NODE_TEST_CLUSTER = 'east';

export interface KialiCaseRun {
  kialiCase: KialiGraphCase;
  request: KialiRequest;
  ours: MeshGraph;
  differences: GraphDifference[];
  /** Mocked series of metrics we do not read, by metric. */
  unread: Record<string, number>;
  kialiNodes: number;
  kialiEdges: number;
}

export function runKialiCase(kialiCase: KialiGraphCase): KialiCaseRun {
  const request = parseKialiRequest(kialiCase.request);
  const { snapshot, unread } = kialiSnapshot(kialiCase.series);
  const { workloads, services } = focusObjects(
    request,
    snapshot,
    NODE_TEST_CLUSTER,
  );
  const ours = buildGraph({
    graphType: request.graphType,
    windowSeconds: 600,
    time: QUERY_TIME,
    traffic: snapshot,
    workloads,
    services,
    owners: new Map(),
    clusterName: id => id,
    // A node-detail graph is the node and its direct callers and callees (Kiali's node graph).
    focus: request.node && {
      workloads: new Set(
        workloads.map(w => `${w.cluster}/${w.namespace}/${w.name}`),
      ),
      hops: 1,
    },
    errors: [],
  });
  const kiali = JSON.parse(
    fs.readFileSync(
      path.join(FIXTURES_DIR, 'kiali/graph', kialiCase.expected),
      'utf8',
    ),
  );
  return {
    kialiCase,
    request,
    ours,
    differences: compareGraphs(fromKiali(kiali, request), fromOurs(ours)),
    unread,
    kialiNodes: kiali.elements.nodes.length,
    kialiEdges: kiali.elements.edges.length,
  };
}
