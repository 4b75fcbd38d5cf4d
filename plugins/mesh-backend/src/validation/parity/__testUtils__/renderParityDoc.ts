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
  "**KIA0106, KIA0107, KIA1701** count as existing the ServiceAccount objects, the accounts pods run as and every namespace's `default` account (Kubernetes creates it); Kiali counts the accounts its workloads run as only.",
  '**KIA0107** is `info`: Kiali gives it the severity "Unknown", which our findings do not have. Another cluster\'s trust domain is known, as in Kiali (a missing account there is KIA0106, not KIA0108).',
  "**KIA1504** reads the GatewayClasses from `mesh.validations.gatewayApiClasses` (Kiali: `gateway_api_classes`), else discovers the cluster's Istio classes, else uses Istio's defaults, in Kiali's order; its message names no Kiali configuration.",
  "**KIA0203** decides whether a VirtualService routes to a subset by reading each host in its own object's namespace (Kiali reads each against the other's namespace; the same when both share one).",
  "**KIA0701** looks for the Deployment behind a Service in the Service's namespace only (Kiali searches every namespace).",
  '**KIA0301** treats `*.example.com` and `api.example.com` on the same port and selector as overlapping; Kiali only catches equal names and `*`.',
  '**KIA0005** accepts `~` (export nowhere), a value Istio allows; Kiali flags it.',
  '**KIA1108** points at the gateway entry that uses the old form (`spec/http[i]/match/gateways[j]` for match gateways); Kiali always reports `spec/gateways[j]`.',
  "**Sidecar injection labels.** For the ambient checks we read `sidecar.istio.io/inject` as Istio documents it (`true`/`false`) as well as Kiali's `enabled`/`none`.",
  '**ServiceEntry hosts** cover a name exactly or by a `*.` wildcard; Kiali compares every entry as a suffix.',
  '**Sidecar import scope** (Kiali narrows some conflict checks to hosts a Sidecar imports) is not applied.',
  '**Mesh-wide status** takes `*.local` DestinationRules of every namespace (Kiali: namespaces labelled for the revision).',
  "**KIA1007** flags an `outboundTrafficPolicy` without `mode` only: Kiali reads the object through Istio's Go types, where an absent mode and `REGISTRY_ONLY` are both the zero value, and flags both (kiali/kiali#5882); we read the object as written.",
];

/**
 * Every code of Kiali's `models/istio_validation.go` (kiali/kiali at d733a096, 2026-08), so the doc
 * says which ones we do not implement.
 */
const KIALI_CODES =
  'KIA0002 KIA0003 KIA0004 KIA0005 KIA0101 KIA0102 KIA0104 KIA0105 KIA0106 KIA0107 KIA0108 KIA0109 KIA0110 KIA0201 KIA0202 KIA0203 KIA0204 KIA0205 KIA0206 KIA0207 KIA0208 KIA0209 KIA0210 KIA0211 KIA0212 KIA0301 KIA0302 KIA0401 KIA0501 KIA0505 KIA0506 KIA0601 KIA0602 KIA0701 KIA1004 KIA1006 KIA1007 KIA1101 KIA1102 KIA1104 KIA1105 KIA1106 KIA1107 KIA1108 KIA1109 KIA1110 KIA1111 KIA1112 KIA1113 KIA1114 KIA1115 KIA1116 KIA1117 KIA1211 KIA1212 KIA1301 KIA1311 KIA1312 KIA1313 KIA1314 KIA1315 KIA1316 KIA1317 KIA1401 KIA1402 KIA1501 KIA1502 KIA1503 KIA1504 KIA1601 KIA1701 KIA1702'.split(
    ' ',
  );

/** Why a Kiali code is not implemented. */
const NOT_IMPLEMENTED_BECAUSE: Record<string, string> = {};

function codeCoverage(implemented: readonly string[]): string[] {
  const missing = KIALI_CODES.filter(c => !implemented.includes(c));
  return [
    '## Codes',
    '',
    `**Implemented: ${KIALI_CODES.length - missing.length} of Kiali's ${
      KIALI_CODES.length
    } codes** (from the checker registry, \`src/validation/registry.ts\`).`,
    '',
    ...(missing.length
      ? [
          'Not implemented:',
          '',
          ...missing.map(
            c => `- ${c}: ${NOT_IMPLEMENTED_BECAUSE[c] ?? 'not yet'}.`,
          ),
        ]
      : ['None missing.']),
    '',
  ];
}

export function renderParityDoc(
  validation: ValidationRunResult[],
  visibility: VisibilityRunResult[],
  unasserted: Array<{ fixture: string; findings: ComparableFinding[] }>,
  implementedCodes: readonly string[],
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
    ...codeCoverage(implementedCodes),
    '## Where we differ from Kiali',
    '',
    ...DIFFERENCES.map(d => `- ${d}`),
    '',
  );
  return lines.join('\n');
}
