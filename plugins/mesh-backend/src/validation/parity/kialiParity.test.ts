/*
 * Kiali's own validation scenarios must give Kiali's verdict (code, object, path, severity), and the
 * parity table in docs/kiali-validation-parity.md must be the one this run produces
 * (UPDATE_GOLDEN=1 rewrites it).
 */
import fs from 'fs';
import path from 'path';
import { describeWithFixtures } from '../../__testUtils__/fixtures';
import { CHECKERS } from '../registry';
import {
  KIALI_UNASSERTED_FIXTURES,
  KIALI_VALIDATION_SCENARIOS,
  KIALI_VISIBILITY_SCENARIOS,
} from './__testUtils__/kialiScenarios';
import {
  REGENERATE_COMMAND,
  renderParityDoc,
} from './__testUtils__/renderParityDoc';
import {
  findingsOf,
  runValidationScenario,
  runVisibilityScenario,
} from './__testUtils__/runScenario';

const DOC = path.resolve(__dirname, '../../../docs/kiali-validation-parity.md');

describeWithFixtures("Kiali's validation scenarios", () => {
  const validation = KIALI_VALIDATION_SCENARIOS.flatMap(runValidationScenario);
  const visibility = KIALI_VISIBILITY_SCENARIOS.map(runVisibilityScenario);

  it.each(
    validation.map(
      r =>
        [
          `${r.scenario.fixture} (auto-mTLS ${r.autoMtls ? 'on' : 'off'})`,
          r,
        ] as const,
    ),
  )('%s gives Kiali’s verdict', (_name, r) => {
    expect(r.actual).toEqual(r.expected);
  });

  it.each(
    visibility.map(
      r => [`${r.scenario.kialiTest} from ${r.scenario.viewer}`, r] as const,
    ),
  )('%s: same objects visible', (_name, r) => {
    expect(r.visible).toEqual([...r.scenario.expectedVisible].sort());
  });

  it('covers every fixture of kiali/validations', () => {
    const root = path.join(
      __dirname,
      '../../../../../../shared/fixtures/kiali/validations',
    );
    const all = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap(e =>
          e.isDirectory()
            ? all(path.join(dir, e.name))
            : [path.join(dir, e.name)],
        );
    const covered = new Set([
      ...KIALI_VALIDATION_SCENARIOS.map(s => s.fixture),
      ...KIALI_VISIBILITY_SCENARIOS.flatMap(s =>
        s.fixtures.map(f => `exportto/cns/${f}.yaml`),
      ),
      ...KIALI_UNASSERTED_FIXTURES,
    ]);
    expect(all('').filter(f => !covered.has(f))).toEqual([]);
  });

  it('keeps docs/kiali-validation-parity.md generated from this run', () => {
    const unasserted = KIALI_UNASSERTED_FIXTURES.map(fixture => ({
      fixture,
      findings: findingsOf(fixture),
    }));
    const doc = renderParityDoc(
      validation,
      visibility,
      unasserted,
      CHECKERS.flatMap(c => c.codes),
    );
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(DOC, doc);
    expect(
      fs.existsSync(DOC)
        ? fs.readFileSync(DOC, 'utf8')
        : `missing: run ${REGENERATE_COMMAND}`,
    ).toBe(doc);
  });
});
