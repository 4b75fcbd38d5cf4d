/* Renders docs/kiali-validation-parity.md from an actual run of the scenarios (never edited by hand). */
import {
  ComparableFinding,
  ValidationRunResult,
  VisibilityRunResult,
} from './runScenario';

export const REGENERATE_COMMAND =
  'cd plugins/mesh-backend && UPDATE_GOLDEN=1 CI=true npx backstage-cli package test src/validation/parity';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const short = (f: ComparableFinding) =>
  `${f.code} ${f.kind} ${f.namespace}/${f.name} \`${f.path || '(object)'}\` ${
    f.severity
  }`;
const list = (findings: ComparableFinding[]) =>
  findings.length ? findings.map(short).map(cell).join('<br>') : 'valid';
const codesOnly = (findings: ComparableFinding[]) =>
  findings.length
    ? [...new Set(findings.map(f => `${f.code} on ${f.kind} ${f.name}`))].join(
        '<br>',
      )
    : '–';

/** Deviations from Kiali that the scenarios cannot show, stated where the code implements them. */
const DIFFERENCES = [
  "**Port-level mTLS.** Kiali's mTLS status ignores `portLevelMtls`; our per-workload view (`GET …/security`, `src/security/effectiveMode.ts`) resolves Istio's effective mode port by port (workload policy over namespace over mesh, UNSET inheriting), so a PERMISSIVE namespace with a STRICT port shows as `mixed`. Kiali's verdicts (the `status` fields, KIA0105) are reproduced unchanged.",
  "**Namespace scoping.** Kiali evaluates exported DestinationRules against the PeerAuthentications of every namespace that sees them (KIA0207/KIA0208) and matches PeerAuthentication/Sidecar selectors against workloads of all namespaces (KIA0003); we use the object's own namespace, as Istio does.",
  "**KIA0106** counts as existing the ServiceAccount objects, the accounts pods run as and every namespace's `default` account (Kubernetes creates it); Kiali lists ServiceAccount objects only.",
  "**KIA0203** decides whether a VirtualService routes to a subset by reading each host in its own object's namespace (Kiali reads each against the other's namespace; the same when both share one).",
  "**KIA0701** looks for the Deployment behind a Service in the Service's namespace only (Kiali searches every namespace).",
  '**KIA0301** treats `*.example.com` and `api.example.com` on the same port and selector as overlapping; Kiali only catches equal names and `*`.',
  '**KIA0005** accepts `~` (export nowhere), a value Istio allows; Kiali flags it.',
  '**KIA1108** points at the gateway entry that uses the old form (`spec/http[i]/match/gateways[j]` for match gateways); Kiali always reports `spec/gateways[j]`.',
  "**Sidecar injection labels.** For the ambient checks we read `sidecar.istio.io/inject` as Istio documents it (`true`/`false`) as well as Kiali's `enabled`/`none`.",
  '**ServiceEntry hosts** cover a name exactly or by a `*.` wildcard; Kiali compares every entry as a suffix.',
  '**Sidecar import scope** (Kiali narrows some conflict checks to hosts a Sidecar imports) is not applied.',
  '**Mesh-wide status** takes `*.local` DestinationRules of every namespace (Kiali: namespaces labelled for the revision).',
  '**Not implemented:** KIA0107 (principal of a remote cluster), KIA0204, KIA0210–KIA0212, KIA1007, KIA1109–KIA1117 (ambient VirtualService/DestinationRule/RequestAuthentication/WasmPlugin/Telemetry), KIA14xx–KIA17xx (Gateway API, WorkloadGroups).',
];

export function renderParityDoc(
  validation: ValidationRunResult[],
  visibility: VisibilityRunResult[],
  unasserted: Array<{ fixture: string; findings: ComparableFinding[] }>,
): string {
  const matched = validation.filter(r => r.match).length;
  const visMatched = visibility.filter(r => r.match).length;
  const lines: string[] = [
    '# Kiali validation parity',
    '',
    '<!-- Generated from an actual run of src/validation/parity; do not edit. -->',
    '',
    "Every scenario of Kiali's own validation tests (`../shared/fixtures/kiali/validations`, copied from kiali/kiali",
    "`tests/data/validations`) runs through our whole validation engine, with and without auto-mTLS where Kiali's",
    'test does. The comparison covers the codes the Kiali checker under test can emit (code, object, path, severity);',
    'the last column lists what our other checkers also report on the same objects (e.g. KIA0004 when a scenario',
    "has no workloads), which Kiali's single-checker test does not look at. Objects Kiali's Go tests build in code",
    '(a Service, workloads, a Gateway) are re-created (`src/validation/parity/__testUtils__/kialiScenarios.ts`).',
    '',
    `Regenerate: \`${REGENERATE_COMMAND}\``,
    '',
    `**Validation scenario runs matching Kiali: ${matched} / ${validation.length}.**`,
    `**exportTo visibility scenarios matching Kiali: ${visMatched} / ${visibility.length}.**`,
    '',
    '## Validation scenarios',
    '',
    '| Fixture | Kiali test | auto-mTLS | Kiali expects | We report | Match | Also reported by our other checks |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of validation) {
    const notes = r.notes.length ? ` (${r.notes.join('; ')})` : '';
    lines.push(
      `| ${r.scenario.fixture}${notes} | ${r.scenario.kialiTest} | ${
        r.autoMtls ? 'on' : 'off'
      } | ${list(r.expected)} | ${list(r.actual)} | ${
        r.match ? 'yes' : '**NO**'
      } | ${codesOnly(r.others)} |`,
    );
  }
  lines.push(
    '',
    '## `exportTo` visibility (exportto/cns)',
    '',
    '| Objects | Kiali test | Viewer | Mesh default exportTo | Ambient | Kiali: visible | We: visible | Match |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of visibility) {
    const s = r.scenario;
    lines.push(
      `| ${s.fixtures.join(', ')} | ${s.kialiTest} | ${s.viewer} | ${
        s.meshExportTo ?? '–'
      } | ${(s.ambientNamespaces ?? []).join(', ') || '–'} | ${[
        ...s.expectedVisible,
      ]
        .sort()
        .join(', ')} | ${r.visible.join(', ')} | ${
        r.match ? 'yes' : '**NO**'
      } |`,
    );
  }
  lines.push(
    '',
    '## Fixtures no Kiali test asserts on',
    '',
    '| Fixture | Our findings |',
    '|---|---|',
  );
  for (const u of unasserted)
    lines.push(`| ${u.fixture} | ${list(u.findings)} |`);
  lines.push(
    '',
    '## Where we differ from Kiali',
    '',
    ...DIFFERENCES.map(d => `- ${d}`),
    '',
  );
  return lines.join('\n');
}
