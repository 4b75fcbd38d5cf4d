/*
 * Kiali's own validation test scenarios (kiali/kiali tests/data/validations, copied to
 * ../shared/fixtures/kiali/validations) with the outcome Kiali's tests expect, as listed in the
 * fixtures' README and asserted by the Go tests named in `kialiTest`. Where a Go test supplies objects
 * in code (a Service, workloads, a Gateway), `context` re-creates them.
 *
 * `codes` are the codes the Kiali checker under test can emit; the parity compares exactly those
 * (code, object, path, severity) and lists whatever else our full engine reports separately.
 */
import { MeshValidationSeverity } from '@mesh-portal/plugin-mesh-common';
import { KubeObject } from '../../../kube/types';

export interface ExpectedFinding {
  code: string;
  kind: string;
  namespace: string;
  name: string;
  path: string;
  severity?: MeshValidationSeverity;
}

export interface ValidationScenario {
  fixture: string;
  kialiTest: string;
  codes: string[];
  context?: KubeObject[];
  runs: Array<{ autoMtls: boolean; expected: ExpectedFinding[] }>;
}

export interface VisibilityScenario {
  /** Fixtures under exportto/cns, without `.yaml`. */
  fixtures: string[];
  kialiTest: string;
  viewer: string;
  /** Mesh `default*ExportTo`. */
  meshExportTo?: string;
  ambientNamespaces?: string[];
  expectedVisible: string[];
}

/* ---------- context objects, as Kiali's Go tests build them ---------- */

export function contextService(
  namespace: string,
  name: string,
  selector: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ports: [{ name: 'http', port: 9080 }] },
  };
}

export function contextWorkload(
  namespace: string,
  name: string,
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', ports: [{ containerPort: 9080 }] }],
        },
      },
    },
  };
}

const contextGateway = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] },
    ],
  },
});

/** `data.CreateFakeServicesWithSelector("ratings", "bookinfo")` of the MtlsEnabledChecker tests. */
const RATINGS_SERVICE = [
  contextService('bookinfo', 'ratings', { app: 'ratings' }),
];
/** Service and workloads of the NoDestinationChecker tests. */
const REVIEWS_V1_V2 = [
  contextService('bookinfo', 'reviews', { app: 'reviews' }),
  contextWorkload('bookinfo', 'reviews-v1', { app: 'reviews', version: 'v1' }),
  contextWorkload('bookinfo', 'reviews-v2', { app: 'reviews', version: 'v2' }),
];

/* ---------- expectations ---------- */

const ap = (path: string, name = 'policy'): ExpectedFinding => ({
  code: 'KIA0105',
  kind: 'AuthorizationPolicy',
  namespace: 'bookinfo',
  name,
  path,
});
const PRINCIPALS = 'spec/rules[0]/from[0]/source/principals';
const NEEDS_MTLS = [ap(PRINCIPALS)];
const VALID: ExpectedFinding[] = [];

function mtlsChecker(
  n: string,
  test: string,
  auto: ExpectedFinding[] | null,
  noAuto: ExpectedFinding[] | null,
): ValidationScenario {
  const runs: ValidationScenario['runs'] = [];
  if (auto) runs.push({ autoMtls: true, expected: auto });
  if (noAuto) runs.push({ autoMtls: false, expected: noAuto });
  return {
    fixture: `authorization/mtls_enabled_checker_${n}.yaml`,
    kialiTest: `authorization/mtls_enabled_checker_test.go ${test}`,
    codes: ['KIA0105'],
    context: RATINGS_SERVICE,
    runs,
  };
}

const both = (expected: ExpectedFinding[]) => [{ autoMtls: true, expected }];

function dr(
  fixture: string,
  test: string,
  expected: ExpectedFinding[],
): ValidationScenario {
  return {
    fixture: `destinationrules/${fixture}.yaml`,
    kialiTest: `destinationrules/disabled_meshwide_mtls_checker_test.go ${test}`,
    codes: ['KIA0208'],
    runs: both(expected),
  };
}

function pa(
  fixture: string,
  test: string,
  code: string,
  name: string,
  namespace: string,
  invalid: boolean,
): ValidationScenario {
  const file = fixture.startsWith('disabled_meshwide')
    ? 'disabled_meshwide_checker_test.go'
    : 'disabled_namespacewide_checker_test.go';
  return {
    fixture: `peerauthentications/${fixture}.yaml`,
    kialiTest: `peerauthentications/${file} ${test}`,
    codes: [code],
    runs: both(
      invalid
        ? [
            {
              code,
              kind: 'PeerAuthentication',
              namespace,
              name,
              path: 'spec/mtls',
            },
          ]
        : VALID,
    ),
  };
}

const subsetNotFound = (
  name: string,
  namespace: string,
  ...paths: string[]
): ExpectedFinding[] =>
  paths.map(path => ({
    code: 'KIA1107',
    kind: 'VirtualService',
    namespace,
    name,
    path,
  }));

function subsets(
  fixture: string,
  test: string,
  expected: ExpectedFinding[],
): ValidationScenario {
  return {
    fixture: `virtualservices/${fixture}.yaml`,
    kialiTest: `virtualservices/subset_presence_checker_test.go ${test}`,
    codes: ['KIA1107'],
    runs: both(expected),
  };
}

const REVIEWS_VS_TWO_ROUTES = subsetNotFound(
  'reviews-vs',
  'bookinfo',
  'spec/http[0]/route[0]/destination',
  'spec/http[1]/route[0]/destination',
);

function noDest(
  fixture: string,
  test: string,
  severity: MeshValidationSeverity | null,
): ValidationScenario {
  const expected = severity
    ? [0, 1].map(i => ({
        code: 'KIA0203',
        kind: 'DestinationRule',
        namespace: 'bookinfo',
        name: 'testrule',
        path: `spec/subsets[${i}]`,
        severity,
      }))
    : VALID;
  return {
    fixture: `virtualservices/${fixture}.yaml`,
    kialiTest: `destinationrules/no_dest_checker_test.go ${test}`,
    codes: ['KIA0203', 'KIA0209'],
    context: REVIEWS_V1_V2,
    runs: both(expected),
  };
}

function exportTo(
  kind: 'dr' | 'vs' | 'se',
  variant: string,
  test: string,
): ValidationScenario {
  const kinds = {
    dr: 'DestinationRule',
    vs: 'VirtualService',
    se: 'ServiceEntry',
  };
  const names = {
    dr: 'dr-exportto-valid',
    vs: 'vs_exportto_valid',
    se: 'se_exportto_valid',
  };
  const expected =
    variant === 'invalid'
      ? [0, 1].map(i => ({
          code: 'KIA0005',
          kind: kinds[kind],
          namespace: 'bookinfo',
          name: names[kind],
          path: `spec/exportTo[${i}]`,
        }))
      : VALID;
  return {
    fixture: `exportto/${kind}_exportto_${variant}.yaml`,
    kialiTest: `common/export_to_namespace_checker_test.go ${test}`,
    codes: ['KIA0005'],
    // The test's known namespaces.
    context: ['bookinfo', 'bookinfo2', 'default'].map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    runs: both(expected),
  };
}

export const KIALI_VALIDATION_SCENARIOS: ValidationScenario[] = [
  mtlsChecker('1', 'TestAutoAuthzNoConfig', VALID, NEEDS_MTLS),
  mtlsChecker('2', 'TestAutoAuthzPeerAuthnValid', VALID, NEEDS_MTLS),
  mtlsChecker('3', 'TestAutoAuthzPeerAuthnValid', VALID, NEEDS_MTLS),
  mtlsChecker('4', 'TestAutoAuthzPeerAuthnValidDestRuleValid', VALID, VALID),
  mtlsChecker('5', 'TestAutoAuthzPeerAuthnValidDestRuleValid', VALID, VALID),
  mtlsChecker(
    '6',
    'TestPeerAuthnNotFoundDestRuleIstioMutual',
    VALID,
    NEEDS_MTLS,
  ),
  mtlsChecker('7', 'TestAutoAuthzPeerAuthnDisable', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('71', 'TestAutoAuthzPeerAuthnDisable', VALID, VALID),
  mtlsChecker('8', 'TestAutoAuthzDestRuleDisable', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('9', 'TestAutoAuthzMeshPeerAuthnDisable', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('10', 'TestAutoAuthzMeshDestRuleDisable', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('101', 'TestAutoAuthzMeshDestRuleDisable', VALID, VALID),
  mtlsChecker('11', 'TestAutoAuthzMeshPeerAuthnEnabled', VALID, NEEDS_MTLS),
  mtlsChecker('12', 'TestAutoAuthzMeshDestRuleEnabled', VALID, NEEDS_MTLS),
  mtlsChecker('13', 'TestAutoAuthzMeshMTLSEnabled', VALID, VALID),
  mtlsChecker('14', 'TestAutoAuthzMeshMTLSEnabled', VALID, VALID),
  mtlsChecker('15', 'TestAuthozDisabled', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('16', 'TestAuthozDisabled', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('17', 'TestAuthozDisabled', NEEDS_MTLS, NEEDS_MTLS),
  mtlsChecker('18', 'TestMTLSEnabledWorkloadLevel', VALID, VALID),
  mtlsChecker('19', 'TestMTLSDisabledWorkloadLevel', null, NEEDS_MTLS),
  mtlsChecker('20', 'TestMTLSDisabledWorkloadLevel', NEEDS_MTLS, null),
  mtlsChecker('21', 'TestMTLSPermissiveWorkloadLevel', VALID, VALID),
  mtlsChecker(
    '22',
    'TestMTLSPermissiveDisabledWorkloadLevel',
    NEEDS_MTLS,
    NEEDS_MTLS,
  ),
  mtlsChecker('23', 'TestAutoAuthzMeshPermissiveNoDestRule', VALID, [
    ap('spec/rules[0]/from[0]/source/namespaces'),
  ]),
  {
    // Kiali's TestNeedsIdentities asks needsMtls() which policies need an mTLS identity; with mTLS off
    // (no auto-mTLS, no policy) exactly those must get KIA0105 at the listed paths.
    fixture: 'authorization/authz_policy_requires_mtls.yaml',
    kialiTest: 'authorization/mtls_enabled_checker_test.go TestNeedsIdentities',
    codes: ['KIA0105'],
    runs: [
      {
        autoMtls: false,
        expected: [
          ap(PRINCIPALS, 'policy-0'),
          ap('spec/rules[0]/from[0]/source/notPrincipals', 'policy-1'),
          ap('spec/rules[0]/when[0]', 'policy-3'),
          ap('spec/rules[0]/when[0]', 'policy-4'),
          ap('spec/rules[0]/when[0]', 'policy-5'),
          ap('spec/rules[0]/from[0]/source/namespaces', 'policy-8'),
          ap('spec/rules[0]/from[0]/source/notNamespaces', 'policy-9'),
        ],
      },
    ],
  },
  dr(
    'disabled_meshwide_checker_1',
    'TestDestRuleDisabledPeerAuthnDisabled',
    VALID,
  ),
  dr('disabled_meshwide_checker_2', 'TestDestRuleDisabledPeerAuthnEnabled', [
    {
      code: 'KIA0208',
      kind: 'DestinationRule',
      namespace: 'bookinfo',
      name: 'disable-mesh-mtls',
      path: 'spec/trafficPolicy/tls/mode',
    },
  ]),
  dr('disabled_meshwide_checker_3', 'TestDestRuleDisabledNoPeerAuthn', VALID),
  dr(
    'disabled_meshwide_checker_4',
    'TestDestRuleDisabledPeerAuthnPermissive',
    VALID,
  ),
  pa(
    'disabled_meshwide_checker_1',
    'TestMeshPeerAuthnDisabledDestRuleDisabled',
    'KIA0506',
    'disable-mesh-mtls',
    'istio-system',
    false,
  ),
  pa(
    'disabled_meshwide_checker_2',
    'TestMeshPeerAuthnDisabledDestRuleEnabled',
    'KIA0506',
    'disable-mesh-mtls',
    'istio-system',
    true,
  ),
  pa(
    'disabled_meshwide_checker_3',
    'TestMeshPeerAuthnNoDestRule',
    'KIA0506',
    'disable-mesh-mtls',
    'istio-system',
    false,
  ),
  pa(
    'disabled_namespacewide_checker_1',
    'TestPeerAuthnDisabledDestRuleDisabled',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    false,
  ),
  pa(
    'disabled_namespacewide_checker_2',
    'TestPeerAuthnDisabledDestRuleEnabled',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    true,
  ),
  pa(
    'disabled_namespacewide_checker_3',
    'TestPeerAuthnDisabledMeshWideDestRuleDisabled',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    false,
  ),
  pa(
    'disabled_namespacewide_checker_4',
    'TestPeerAuthnDisabledMeshWideDestRuleEnabled',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    true,
  ),
  pa(
    'disabled_namespacewide_checker_5',
    'TestPeerAuthnDisabledNoDestRule',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    false,
  ),
  pa(
    'disabled_namespacewide_checker_6',
    'TestPeerAuthnDisabledNamespaceMtlsMeshWideEnabled',
    'KIA0505',
    'disable-mtls-bookinfo',
    'bookinfo',
    false,
  ),
  subsets(
    'subset-presence-matching-subsets-1',
    'TestCheckerWithSubsetMatching',
    VALID,
  ),
  subsets(
    'subset-presence-matching-subsets-2',
    'TestCheckerWithSubsetsMatchingShortHostname',
    VALID,
  ),
  subsets(
    'subset-presence-matching-subsets-half-fqdn',
    'TestCheckerWithSubsetsMatchingSVCNSHostname',
    VALID,
  ),
  subsets(
    'subset-presence-matching-subsets-diff-ns-fqdn',
    'TestDestRuleDifferentNamespaceFQDNName',
    VALID,
  ),
  subsets(
    'subset-presence-matching-subsets-diff-ns-half-fqdn',
    'TestDestRuleDifferentNamespaceHalfFQDNName',
    VALID,
  ),
  subsets(
    'subset-presence-export-subset',
    'TestCheckerWithExportSubsetMatching',
    VALID,
  ),
  subsets('subset-presence-service-entry', 'TestCorrectServiceEntry', VALID),
  subsets(
    'subset-presence-no-matching-subsets-1',
    'TestSubsetsNotFound',
    REVIEWS_VS_TWO_ROUTES,
  ),
  subsets(
    'subset-presence-no-matching-subsets-2',
    'TestSubsetsNotFoundSVCNS',
    REVIEWS_VS_TWO_ROUTES,
  ),
  subsets(
    'subset-presence-no-matching-subsets-3',
    'TestWrongDestinationRule',
    REVIEWS_VS_TWO_ROUTES,
  ),
  subsets(
    'subset-presence-matching-subsets-diff-ns',
    'TestCheckerWithSubsetsMatchingShortHostnameDiffNs',
    REVIEWS_VS_TWO_ROUTES,
  ),
  subsets(
    'subset-presence-no-matching-export-subset',
    'TestCheckerWithExportSubsetNotMatching',
    subsetNotFound(
      'reviews-vs',
      'bookinfo',
      'spec/http[0]/route[0]/destination',
      'spec/http[0]/route[1]/destination',
    ),
  ),
  subsets(
    'subset-presence-service-entry-invalid',
    'TestInvalidServiceEntry',
    subsetNotFound(
      'orahub-vs-bogus',
      'istio-trials',
      'spec/http[1]/route[0]/destination',
      'spec/tls[1]/route[0]/destination',
    ),
  ),
  noDest('subset-presence-referenced', 'TestSubsetReferenced', 'error'),
  noDest('subset-presence-not-referenced', 'TestSubsetNotReferenced', 'info'),
  noDest('subset-presence-wrongly-referenced', 'TestWronglyReferenced', 'info'),
  noDest(
    'subset-presence-matching-not-referenced',
    'TestSubsetPresentMatchingNotReferenced',
    null,
  ),
  ...['non-existent-gateway-in-match', 'non-existent-ns-gateway-in-match'].map(
    (fixture): ValidationScenario => ({
      fixture: `virtualservices/${fixture}.yaml`,
      kialiTest:
        'virtualservices/no_gateway_checker_test.go TestMissingGatewayInHTTPMatch',
      codes: ['KIA1102'],
      // GatewayNames: {"valid-gateway"}, i.e. valid-gateway in the VirtualService's namespace.
      context: [contextGateway('default', 'valid-gateway')],
      runs: both([
        {
          code: 'KIA1102',
          kind: 'VirtualService',
          namespace: 'default',
          name: 'test',
          path: 'spec/http[1]/match/gateways[1]',
        },
      ]),
    }),
  ),
  exportTo('dr', 'valid', 'TestDRNamespaceExist'),
  exportTo('dr', 'invalid', 'TestDRNamespaceNotFound'),
  exportTo('dr', 'all_valid', 'TestDRAllNamespaces'),
  exportTo('vs', 'valid', 'TestVSNamespaceExist'),
  exportTo('vs', 'invalid', 'TestVSNamespaceNotFound'),
  exportTo('vs', 'all_valid', 'TestVSAllExist, TestVSAllNamespaces'),
  exportTo('se', 'valid', 'TestSENamespaceExist'),
  exportTo('se', 'invalid', 'TestSENamespaceNotFound'),
  exportTo('se', 'all_valid', 'TestSEAllNamespaces'),
];

const CNS_DEFAULT = [
  '1_to_2_3',
  '1_to_this',
  '2_to_1',
  '2_to_this',
  '3_to_2',
  '3_to_all',
  '3_to_wrong',
];
const CNS_MESH = ['1_to_this', '1_not_exported', '2_not_exported', '3_to_all'];

function cns(kind: 'vs' | 'dr' | 'se', Kind: string): VisibilityScenario[] {
  const files = (ids: string[]) => ids.map(id => `${kind}_bookinfo${id}`);
  return [
    {
      fixtures: files(CNS_DEFAULT),
      kialiTest: `istio_validations_test.go TestFilterExportToNamespaces${Kind}`,
      viewer: 'bookinfo',
      expectedVisible: files(['1_to_this', '2_to_1', '3_to_all', '3_to_wrong']),
    },
    {
      fixtures: files(CNS_DEFAULT),
      kialiTest: `istio_validations_test.go TestAmbientFilterExportToNamespaces${Kind}`,
      viewer: 'bookinfo2',
      ambientNamespaces: ['bookinfo'],
      expectedVisible: files(['2_to_this', '3_to_2', '3_to_all', '3_to_wrong']),
    },
    {
      fixtures: files(CNS_MESH),
      kialiTest: `istio_validations_test.go TestFilter${kind.toUpperCase()}MeshExportToThis`,
      viewer: 'bookinfo',
      meshExportTo: '.',
      expectedVisible: files(['1_to_this', '1_not_exported', '3_to_all']),
    },
    {
      fixtures: files(CNS_MESH),
      kialiTest: `istio_validations_test.go TestFilter${kind.toUpperCase()}MeshExportToAll`,
      viewer: 'bookinfo2',
      meshExportTo: '*',
      expectedVisible: files(['1_not_exported', '2_not_exported', '3_to_all']),
    },
  ];
}

export const KIALI_VISIBILITY_SCENARIOS: VisibilityScenario[] = [
  ...cns('vs', 'VS'),
  ...cns('dr', 'DR'),
  ...cns('se', 'SE'),
];

/** Fixtures in kiali/validations that no Kiali test asserts on; the parity doc shows our findings for them. */
export const KIALI_UNASSERTED_FIXTURES = [
  'destinationrules/no-subset-labels-checker.yaml',
  'exportto/cns/dr_bookinfo3.yaml',
  'exportto/cns/vs_bookinfo3.yaml',
];
