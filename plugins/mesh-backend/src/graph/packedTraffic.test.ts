/*
 * The mesh model keeps its samples packed (../sources/sampleList): every step over a packed
 * snapshot must answer exactly what it answers over the same samples as objects — the graph of
 * every type (whole, and focused from a base), request health of every object, traffic
 * encryption shares and a namespace selection — also when the snapshot is several packed reads
 * joined (a refresh split by namespace groups) or a selection of one.
 */
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import {
  DEFAULT_HEALTH_RULES,
  MeshObjectKind,
  objectHealth,
} from '../health/objectHealth';
import { selectTraffic } from '../sources/model/ModelTelemetrySource';
import { concatSamples, samplesOf } from '../sources/sampleList';
import { TrafficSnapshot } from '../sources/types';
import { trafficMtls } from '../security/trafficMtls';
import { clusterNaming } from './nodeIdentity';
import {
  packedList,
  packedSnapshot,
  snapshotSamples,
} from '../__testUtils__/snapshotSamples';
import { buildGraph } from './buildGraph';
import { focusedGraph, MeshGraphBases, wholeGraph } from './meshGraphBase';
import { demoInput } from './__testUtils__/demoGraphInput';

const GRAPH_TYPES: MeshGraphType[] = [
  'workload',
  'app',
  'versionedApp',
  'service',
];

const PARTS = ['requests', 'tcpSent', 'tcpReceived', 'latency'] as const;

/** The workload keys (`cluster/namespace/workload`) the traffic names in a namespace. */
const workloadKeysIn = (t: TrafficSnapshot, namespace: string) =>
  new Set(
    [...samplesOf(t.requests), ...samplesOf(t.tcpSent)]
      .flatMap(({ labels: l }) =>
        (['source', 'destination'] as const).map(
          side =>
            `${l[`${side}_cluster`] ?? ''}/${l[`${side}_workload_namespace`]}/${
              l[`${side}_workload`]
            }`,
        ),
      )
      .filter(key => key.includes(`/${namespace}/`)),
  );

/** Each part as three packed reads joined, the middle one read through a selection. */
const packedInGroups = (t: TrafficSnapshot): TrafficSnapshot =>
  Object.fromEntries(
    PARTS.map(p => {
      const all = samplesOf(t[p]);
      const third = Math.ceil(all.length / 3);
      const middle = packedList([
        { labels: { dropped: 'yes' }, value: -1 },
        ...all.slice(third, 2 * third),
      ]).filterIndexes(i => i > 0);
      return [
        p,
        concatSamples([
          packedList(all.slice(0, third)),
          middle,
          packedList(all.slice(2 * third)),
        ]),
      ];
    }),
  ) as unknown as TrafficSnapshot;

describe.each([
  ['packed whole', packedSnapshot],
  ['packed in groups', packedInGroups],
])('a snapshot %s', (_, pack) => {
  it('holds the same samples in the same order', async () => {
    const { traffic } = await demoInput();
    const asLists = pack(traffic);
    expect(snapshotSamples(asLists)).toEqual(snapshotSamples(traffic));
    expect(samplesOf(traffic.requests).length).toBeGreaterThan(50);
  });

  it('gives every graph type the same graph, whole and focused from a base', async () => {
    const input = await demoInput();
    const packedInput = { ...input, traffic: pack(input.traffic) };
    const bases = new MeshGraphBases();
    for (const graphType of GRAPH_TYPES) {
      const expected = buildGraph({ ...input, graphType, errors: [] });
      expect(expected.edges.length).toBeGreaterThan(10);
      expect(buildGraph({ ...packedInput, graphType, errors: [] })).toEqual(
        expected,
      );
      const base = await bases.get({ ...packedInput, graphType }, graphType);
      expect(
        wholeGraph(base, { ...packedInput, graphType, errors: [] }),
      ).toEqual(expected);
      for (const w of input.workloads.slice(0, 8)) {
        const focus = {
          workloads: new Set([`${w.cluster}/${w.namespace}/${w.name}`]),
          hops: 2,
        };
        expect(
          focusedGraph(base, { ...packedInput, graphType, focus, errors: [] }),
        ).toEqual(buildGraph({ ...input, graphType, focus, errors: [] }));
      }
    }
  });

  it('gives every object the same request health and every scope the same encryption', async () => {
    const { traffic, workloads, clusterName } = await demoInput();
    const lists = pack(traffic);
    const ours = objectHealth(lists, clusterName, DEFAULT_HEALTH_RULES);
    const theirs = objectHealth(traffic, clusterName, DEFAULT_HEALTH_RULES);
    const kinds: MeshObjectKind[] = ['workload', 'app', 'service'];
    let withTraffic = 0;
    for (const w of workloads)
      for (const kind of kinds) {
        const ref = {
          kind,
          cluster: w.cluster,
          namespace: w.namespace,
          name: kind === 'workload' ? w.name : w.podLabels.app ?? w.name,
        };
        expect(ours.requests(ref)).toEqual(theirs.requests(ref));
        expect(ours.health(ref)).toEqual(theirs.health(ref));
        if (JSON.stringify(theirs.requests(ref)).includes('"http"'))
          withTraffic++;
      }
    expect(withTraffic).toBeGreaterThan(10);

    for (const namespace of ['bookinfo', 'sock-shop', 'nowhere']) {
      const inScope = workloadKeysIn(traffic, namespace);
      expect(
        await trafficMtls(lists, clusterNaming(new Map()), inScope),
      ).toEqual(await trafficMtls(traffic, clusterNaming(new Map()), inScope));
      expect(
        snapshotSamples(selectTraffic(lists, { namespaces: [namespace] })),
      ).toEqual(
        snapshotSamples(selectTraffic(traffic, { namespaces: [namespace] })),
      );
    }
  });
});
