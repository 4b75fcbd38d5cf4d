/* Renders docs/kiali-graph-parity.md from an actual run of Kiali's graph tests (never edited by hand). */
import { KialiCaseRun } from './runKialiCase';
import {
  CoveredDifference,
  INTENDED_DIFFERENCES,
} from './kialiGraphDifferences';

export const REGENERATE_GRAPH_DOC =
  'cd plugins/mesh-backend && UPDATE_GOLDEN=1 CI=true npx backstage-cli package test src/graph/kialiGraphParity.test.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function describe(d: CoveredDifference): string {
  const values =
    d.kiali !== undefined || d.ours !== undefined
      ? ` (Kiali ${d.kiali ?? '–'}, ours ${d.ours ?? '–'})`
      : '';
  return `${d.kind} \`${d.subject}\`${values}`;
}

export function renderGraphParityDoc(
  runs: Array<KialiCaseRun & { classified: CoveredDifference[] }>,
  kialiCommit: string,
): string {
  const exact = runs.filter(r => r.classified.length === 0).length;
  const lines = [
    '# Kiali graph parity',
    '',
    '<!-- Generated from an actual run of src/graph/kialiGraphParity.test.ts; do not edit. -->',
    '',
    "Kiali's graph API tests (kiali/kiali `graph/api/api_test.go` at",
    `\`${kialiCommit.slice(
      0,
      12,
    )}\`) mock the Prometheus series each graph is built from and`,
    'compare the result with an expected graph (`../shared/fixtures/kiali/graph`). We run the same',
    'series through our pipeline (`buildGraph`, all steps) with the same options — graph type,',
    'node-detail graphs (a node and its direct callers and callees), rate modes, multi-cluster,',
    "ambient — and compare with Kiali's expected graph: nodes by identity (type, cluster,",
    'namespace, workload / app / version / service), their app, version and flags (root, outside,',
    'inaccessible, waypoint), edges by their ends and protocol, rates (Kiali rounds to 0.01) and',
    'request percentages (0.1), requests per response code and per Envoy response flag. The',
    'transcribed series and their provenance: `src/graph/__kiali__` (README there).',
    '',
    'The test fails on any difference not covered by an entry below, and on an entry that no',
    'longer covers anything.',
    '',
    `Regenerate: \`${REGENERATE_GRAPH_DOC}\``,
    '',
    `**Kiali tests run: ${runs.length}; identical to Kiali's graph: ${exact}; the others differ only as listed under "Where we differ on purpose".**`,
    '',
    '| Kiali test | Request | Nodes (Kiali / ours) | Edges (Kiali / ours) | Differences | Series not read |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of runs) {
    const byReason = new Map<string, number>();
    for (const d of r.classified)
      byReason.set(
        d.intended ?? 'UNEXPLAINED',
        (byReason.get(d.intended ?? 'UNEXPLAINED') ?? 0) + 1,
      );
    const unread = Object.entries(r.unread)
      .map(([m, n]) => `${m} (${n})`)
      .join(', ');
    lines.push(
      `| ${r.kialiCase.kialiTest} | \`${cell(r.kialiCase.request)}\` | ${
        r.kialiNodes
      } / ${r.ours.nodes.length} | ${r.kialiEdges} / ${r.ours.edges.length} | ${
        [...byReason].map(([id, n]) => `${id} ×${n}`).join('<br>') || 'none'
      } | ${unread || '–'} |`,
    );
  }
  lines.push('', '## Where we differ on purpose', '');
  for (const i of INTENDED_DIFFERENCES) {
    lines.push(
      `### ${i.id}`,
      '',
      i.reason,
      '',
      'Differences it covers in this run:',
      '',
    );
    for (const r of runs)
      for (const d of r.classified.filter(c => c.intended === i.id))
        lines.push(`- ${r.kialiCase.kialiTest}: ${cell(describe(d))}`);
    lines.push('');
  }
  lines.push(
    '## Not compared',
    '',
    "- Health (`healthData`): Kiali's tests run without Kubernetes objects, so its health data is empty; our request health is tested on the demo and on Kiali's tolerances (src/health).",
    '- Response hosts (`responses[code].hosts`): our edges do not split by the requested host.',
    "- ServiceEntry nodes: Kiali's graph API tests define no ServiceEntry; our ServiceEntry step is tested on Istio's samples (src/graph/appenders/addServiceEntries.test.ts).",
    "- `test_mesh_graph` (Kiali's mesh page: control planes and infrastructure, not traffic).",
    '',
  );
  return lines.join('\n');
}
