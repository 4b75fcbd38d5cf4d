/*
 * Runs Kiali's scenarios through our whole engine (every checker, as the config route does) and
 * compares the codes the Kiali checker under test can emit with Kiali's expectation.
 */
import { MeshValidationSeverity } from '@mesh-portal/plugin-mesh-common';
import { toClusterObjects } from '../../../kube/clusterObjects';
import { KubeObject } from '../../../kube/types';
import { readYamlFixture } from '../../../__testUtils__/fixtures';
import { CODES, ValidationCode } from '../../codes';
import { ValidationContext } from '../../context';
import { DEFAULT_IGNORED_CODES } from '../../registry';
import { Finding } from '../../types';
import { validateCluster } from '../../validateCluster';
import {
  ExpectedFinding,
  ValidationScenario,
  VisibilityScenario,
} from './kialiScenarios';

export interface ComparableFinding {
  code: string;
  kind: string;
  namespace: string;
  name: string;
  path: string;
  severity: MeshValidationSeverity;
}

export interface ValidationRunResult {
  scenario: ValidationScenario;
  autoMtls: boolean;
  expected: ComparableFinding[];
  actual: ComparableFinding[];
  /** Findings of codes outside the Kiali checker under test. */
  others: ComparableFinding[];
  match: boolean;
  notes: string[];
}

const key = (f: ComparableFinding) =>
  `${f.code}|${f.kind}|${f.namespace}|${f.name}|${f.path}|${f.severity}`;
const sortFindings = (list: ComparableFinding[]) =>
  [...list].sort((a, b) => key(a).localeCompare(key(b)));

const comparable = (f: Finding): ComparableFinding => ({
  code: f.code,
  kind: f.object.kind,
  namespace: f.object.namespace,
  name: f.object.name,
  path: f.path,
  severity: f.severity,
});

const withSeverity = (e: ExpectedFinding): ComparableFinding => ({
  ...e,
  severity: e.severity ?? CODES[e.code as ValidationCode][0],
});

/** Loads a fixture, drops unnamed objects (Kubernetes would reject them) and adds missing Namespaces. */
export function scenarioObjects(
  fixture: string,
  context: KubeObject[] = [],
): { objects: KubeObject[]; notes: string[] } {
  const loaded = readYamlFixture(
    `kiali/validations/${fixture}`,
  ) as KubeObject[];
  const named = loaded.filter(o => o.metadata?.name);
  const notes =
    named.length < loaded.length
      ? [
          `${
            loaded.length - named.length
          } object(s) without metadata.name ignored`,
        ]
      : [];
  const objects = [...named, ...context];
  const known = new Set(
    objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
  );
  for (const ns of new Set([
    'istio-system',
    ...objects.map(o => o.metadata.namespace).filter((n): n is string => !!n),
  ])) {
    if (!known.has(ns))
      objects.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
  }
  return { objects, notes };
}

export function runValidationScenario(
  scenario: ValidationScenario,
): ValidationRunResult[] {
  const { objects, notes } = scenarioObjects(
    scenario.fixture,
    scenario.context,
  );
  return scenario.runs.map(run => {
    const cluster = toClusterObjects(objects, {
      enableAutoMtls: run.autoMtls,
      rootNamespace: 'istio-system',
    });
    // Kiali's checker tests run with REGISTRY_ONLY semantics (PolicyAllowAny false).
    const ctx = new ValidationContext('kiali', cluster, {
      outboundTrafficPolicy: 'REGISTRY_ONLY',
    });
    const findings = validateCluster(ctx, DEFAULT_IGNORED_CODES).findings.map(
      comparable,
    );
    const actual = sortFindings(
      findings.filter(f => scenario.codes.includes(f.code)),
    );
    const expected = sortFindings(run.expected.map(withSeverity));
    return {
      scenario,
      autoMtls: run.autoMtls,
      expected,
      actual,
      others: sortFindings(
        findings.filter(f => !scenario.codes.includes(f.code)),
      ),
      match: actual.map(key).join('\n') === expected.map(key).join('\n'),
      notes,
    };
  });
}

export interface VisibilityRunResult {
  scenario: VisibilityScenario;
  visible: string[];
  match: boolean;
}

export function runVisibilityScenario(
  scenario: VisibilityScenario,
): VisibilityRunResult {
  const objects = scenario.fixtures.flatMap(
    f =>
      readYamlFixture(
        `kiali/validations/exportto/cns/${f}.yaml`,
      ) as KubeObject[],
  );
  const ambient = new Set(scenario.ambientNamespaces ?? []);
  const namespaces: KubeObject[] = [
    'bookinfo',
    'bookinfo2',
    'bookinfo3',
    'default',
  ].map(name => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: ambient.has(name)
        ? { 'istio.io/dataplane-mode': 'ambient' }
        : ({} as Record<string, string>),
    },
  }));
  const exportTo = scenario.meshExportTo ? [scenario.meshExportTo] : undefined;
  const meshConfig = {
    rootNamespace: 'istio-system',
    ...(exportTo
      ? {
          defaultServiceExportTo: exportTo,
          defaultVirtualServiceExportTo: exportTo,
          defaultDestinationRuleExportTo: exportTo,
        }
      : {}),
  };
  const ctx = new ValidationContext(
    'kiali',
    toClusterObjects([...namespaces, ...objects], meshConfig),
  );
  const visible = ctx.objects.istio
    .filter(o => ctx.isVisibleFrom(o, scenario.viewer))
    .map(o => o.metadata.name)
    .sort();
  return {
    scenario,
    visible,
    match: visible.join(',') === [...scenario.expectedVisible].sort().join(','),
  };
}

/** Our findings on a fixture no Kiali test asserts on (auto-mTLS on, Istio's defaults). */
export function findingsOf(fixture: string): ComparableFinding[] {
  const { objects } = scenarioObjects(fixture);
  const ctx = new ValidationContext(
    'kiali',
    toClusterObjects(objects, { rootNamespace: 'istio-system' }),
  );
  return sortFindings(
    validateCluster(ctx, DEFAULT_IGNORED_CODES).findings.map(comparable),
  );
}
