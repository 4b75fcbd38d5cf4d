/*
 * Kiali's own graph tests as the oracle: the series Kiali's graph API tests mock run through our
 * whole pipeline, and the result must equal Kiali's expected graph except for the differences
 * listed, with their reasons, in __testUtils__/kialiGraphDifferences. The report
 * (docs/kiali-graph-parity.md) must be the one this run produces (UPDATE_GOLDEN=1 rewrites it).
 */
import fs from 'fs';
import path from 'path';
import { describeWithFixtures } from '../__testUtils__/fixtures';
import { readKialiCases } from './__testUtils__/kialiGraphCases';
import {
  classify,
  INTENDED_DIFFERENCES,
} from './__testUtils__/kialiGraphDifferences';
import {
  REGENERATE_GRAPH_DOC,
  renderGraphParityDoc,
} from './__testUtils__/renderGraphParityDoc';
import { runKialiCase } from './__testUtils__/runKialiCase';

const DOC = path.resolve(__dirname, '../../docs/kiali-graph-parity.md');

describeWithFixtures("Kiali's graph tests", () => {
  const { kialiCommit, cases } = readKialiCases();
  const runs = cases.map(c => {
    const run = runKialiCase(c);
    return { ...run, classified: classify(run.differences, run.request) };
  });

  it.each(runs.map(r => [r.kialiCase.kialiTest, r] as const))(
    '%s: same graph as Kiali but for the listed differences',
    (_name, r) => {
      expect(r.ours.nodes.length).toBeGreaterThan(0);
      expect(r.classified.filter(d => !d.intended)).toEqual([]);
    },
  );

  it('lists only differences that still occur', () => {
    const used = new Set(runs.flatMap(r => r.classified.map(d => d.intended)));
    expect(
      INTENDED_DIFFERENCES.map(i => i.id).filter(id => !used.has(id)),
    ).toEqual([]);
  });

  it('keeps docs/kiali-graph-parity.md generated from this run', () => {
    const doc = renderGraphParityDoc(runs, kialiCommit);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(DOC, doc);
    expect(
      fs.existsSync(DOC)
        ? fs.readFileSync(DOC, 'utf8')
        : `missing: run ${REGENERATE_GRAPH_DOC}`,
    ).toBe(doc);
  });
});
