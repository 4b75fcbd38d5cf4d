/*
 * The whole engine on real config: Istio's Bookinfo samples, Istio's AuthorizationPolicy shapes and
 * the embedded demo mesh.
 */
import { toClusterObjects } from '../kube/clusterObjects';
import { KubeObject } from '../kube/types';
import { demoClusterObjects } from '../sources/demo/builders';
import { platformObjects } from '../sources/demo/topologies/platform';
import { demoMeshModel } from '../sources/demo/topologies';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { ValidationContext, ValidationOptions } from './context';
import { DEFAULT_IGNORED_CODES } from './registry';
import { validateCluster } from './validateCluster';

const KUBE = 'istio/bookinfo/platform/kube/bookinfo.yaml';
const NET = (f: string) => `istio/bookinfo/networking/${f}.yaml`;

function bookinfo(
  files: string[],
  extra: KubeObject[] = [],
  options: ValidationOptions = {},
) {
  const objects = [KUBE, ...files].flatMap(
    f => readYamlFixture(f) as KubeObject[],
  );
  const namespaced = objects.map(o => ({
    ...o,
    metadata: { namespace: 'bookinfo', ...o.metadata },
  }));
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'bookinfo', labels: { 'istio-injection': 'enabled' } },
  };
  const ctx = new ValidationContext(
    'east',
    toClusterObjects([ns, ...namespaced, ...extra], {}),
    options,
  );
  return validateCluster(ctx, DEFAULT_IGNORED_CODES).findings;
}

const brief = (findings: ReturnType<typeof bookinfo>) =>
  findings.map(
    f => `${f.code} ${f.object.kind}/${f.object.name} ${f.path} ${f.severity}`,
  );

describeWithFixtures('validations on Istio samples', () => {
  it('reports the missing subsets of virtual-service-all-v1 without a DestinationRule (KIA1107)', () => {
    expect(brief(bookinfo([NET('virtual-service-all-v1')]))).toEqual(
      ['details', 'productpage', 'ratings', 'reviews'].map(
        vs =>
          `KIA1107 VirtualService/${vs} spec/http[0]/route[0]/destination warning`,
      ),
    );
  });

  it('resolves them with destination-rule-all; subsets without workloads are informational (KIA0203)', () => {
    for (const rules of ['destination-rule-all', 'destination-rule-all-mtls']) {
      expect(
        brief(bookinfo([NET('virtual-service-all-v1'), NET(rules)])),
      ).toEqual([
        'KIA0203 DestinationRule/details spec/subsets[1] info',
        'KIA0203 DestinationRule/ratings spec/subsets[1] info',
        'KIA0203 DestinationRule/ratings spec/subsets[2] info',
        'KIA0203 DestinationRule/ratings spec/subsets[3] info',
      ]);
    }
  });

  it('makes KIA0203 an error once a VirtualService routes to a subset without workloads', () => {
    expect(
      brief(
        bookinfo([
          NET('virtual-service-details-v2'),
          NET('destination-rule-all'),
        ]),
      ),
    ).toContain('KIA0203 DestinationRule/details spec/subsets[1] error');
    expect(
      brief(
        bookinfo([
          NET('virtual-service-ratings-mysql-vm'),
          NET('destination-rule-all'),
        ]),
      ),
    ).toEqual([
      'KIA0203 DestinationRule/details spec/subsets[1] info',
      'KIA0203 DestinationRule/ratings spec/subsets[1] info',
      'KIA0203 DestinationRule/ratings spec/subsets[2] info',
      'KIA0203 DestinationRule/ratings spec/subsets[3] error',
    ]);
  });

  it('finds no gateway workload for bookinfo-gateway until the ingress gateway runs (KIA0302)', () => {
    expect(brief(bookinfo([NET('bookinfo-gateway')]))).toEqual([
      'KIA0302 Gateway/bookinfo-gateway spec/selector warning',
    ]);
    // The ingress gateway of the demo's istio-system (without its deliberately invalid VirtualService).
    const gateway = platformObjects.filter(o => o.kind !== 'VirtualService');
    expect(bookinfo([NET('bookinfo-gateway')], gateway)).toEqual([]);
  });

  it('flags the host of a route that has no Service, as a warning under ALLOW_ANY and an error under REGISTRY_ONLY', () => {
    const hostPath = 'spec/http[0]/route[0]/destination/host';
    const typo: KubeObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'typo', namespace: 'bookinfo' },
      spec: {
        hosts: ['reviews'],
        http: [{ route: [{ destination: { host: 'reveiws' } }] }],
      },
    };
    expect(brief(bookinfo([], [typo]))).toEqual([
      `KIA1101 VirtualService/typo ${hostPath} warning`,
    ]);
    expect(
      brief(bookinfo([], [typo], { outboundTrafficPolicy: 'REGISTRY_ONLY' })),
    ).toEqual([`KIA1101 VirtualService/typo ${hostPath} error`]);
  });

  it('honours kiali.io/ignore-validations: a list of codes, or everything when empty', () => {
    const annotate = (value: string) =>
      (readYamlFixture(NET('virtual-service-all-v1')) as KubeObject[]).map(o =>
        o.metadata.name === 'reviews'
          ? {
              ...o,
              metadata: {
                ...o.metadata,
                annotations: { 'kiali.io/ignore-validations': value },
              },
            }
          : o,
      );
    const reviews = (value: string) =>
      brief(
        bookinfo(
          [],
          annotate(value).map(o => ({
            ...o,
            metadata: { namespace: 'bookinfo', ...o.metadata },
          })),
        ),
      );
    expect(
      reviews('KIA0004, KIA1104').filter(f => f.includes('/reviews ')),
    ).toHaveLength(1);
    expect(reviews('KIA1107').filter(f => f.includes('/reviews '))).toEqual([]);
    expect(reviews('').filter(f => f.includes('/reviews '))).toEqual([]);
    expect(reviews('')).toHaveLength(3);
  });

  it('checks every field of Istio’s full AuthorizationPolicy sample', () => {
    const ap = readYamlFixture(
      'istio/security/allow-full-in.yaml',
    ) as KubeObject[];
    const ctx = new ValidationContext(
      'east',
      toClusterObjects(
        [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cfg' } },
          ...ap,
        ],
        {},
      ),
    );
    const findings = validateCluster(ctx, []).findings.map(
      f => `${f.code} ${f.path}`,
    );
    expect([...findings].sort()).toEqual(
      [
        'KIA0106 spec/rules[0]/from[0]/source/principals[0]',
        'KIA0106 spec/rules[0]/from[0]/source/principals[1]',
        'KIA0106 spec/rules[0]/from[0]/source/principals[2]',
        'KIA0101 spec/rules[3]/from[0]/source/namespaces[0]',
        'KIA0101 spec/rules[3]/from[0]/source/namespaces[1]',
        'KIA0101 spec/rules[3]/from[0]/source/namespaces[2]',
        'KIA0102 spec/rules[6]/to[0]/operation/methods[0]',
        'KIA0102 spec/rules[6]/to[0]/operation/methods[1]',
        'KIA0102 spec/rules[6]/to[0]/operation/methods[2]',
      ].sort(),
    );
  });
});

describe('validations on the embedded demo mesh', () => {
  const ctx = () =>
    new ValidationContext('demo', demoClusterObjects(demoMeshModel));

  it('finds only its deliberately invalid, unowned VirtualService and the default-ignored KIA1301 (no AuthorizationPolicy anywhere)', () => {
    const codeAndName = (f: { code: string; object: { name: string } }) =>
      `${f.code} ${f.object.name}`;
    expect(
      validateCluster(ctx(), DEFAULT_IGNORED_CODES).findings.map(codeAndName),
    ).toEqual(['KIA1102 legacy-promo', 'KIA1101 legacy-promo']);
    const all = validateCluster(ctx(), []).findings.filter(
      f => f.object.name !== 'legacy-promo',
    );
    expect(new Set(all.map(f => f.code))).toEqual(new Set(['KIA1301']));
    expect(all).toHaveLength(ctx().workloads.length);
  });

  it('silences a workload by the annotation on its controller or its pod template', () => {
    const objects = demoClusterObjects(demoMeshModel);
    const annotate = (name: string, where: 'controller' | 'template') => {
      const d = objects.deployments.find(x => x.metadata.name === name)!;
      const target =
        where === 'controller' ? d.metadata : d.spec!.template.metadata!;
      target.annotations = {
        ...target.annotations,
        'kiali.io/ignore-validations': 'KIA1301',
      };
    };
    annotate('details-v1', 'controller');
    annotate('ratings-v1', 'template');
    const flagged = validateCluster(
      new ValidationContext('demo', objects),
      [],
    ).findings.map(f => f.object.name);
    expect(flagged).not.toContain('details-v1');
    expect(flagged).not.toContain('ratings-v1');
    expect(flagged).toContain('productpage-v1');
  });
});
