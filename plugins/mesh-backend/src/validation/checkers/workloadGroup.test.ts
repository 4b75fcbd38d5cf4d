/*
 * WorkloadGroup checks on the demo mesh, in the scenarios of Kiali's ServiceAccountsChecker and
 * DuplicateLabelsChecker tests (business/checkers/workloadgroups/*_test.go of kiali/kiali).
 */
import { ClusterObjects, IstioObject } from '../../kube/types';
import { demoFindings } from './demoFindings';

const workloadGroup = (
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): IstioObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'WorkloadGroup',
  metadata: { name, namespace },
  spec,
});
const findings = (...groups: IstioObject[]) =>
  demoFindings((o: ClusterObjects) => o.istio.push(...groups), {}, true);
const withAccount = (namespace: string, name: string, account: string) =>
  workloadGroup(namespace, name, {
    metadata: { labels: { app: name } },
    template: { serviceAccount: account },
  });

describe('KIA1701: the template names a service account the namespace does not have', () => {
  it('accepts a ServiceAccount of the namespace, and none at all', () => {
    expect(
      findings(
        withAccount('bookinfo', 'vm-ratings', 'bookinfo-ratings'),
        withAccount('bookinfo', 'vm-default', 'default'),
        workloadGroup('bookinfo', 'vm-any', { metadata: { labels: {} } }),
      ),
    ).toEqual([]);
  });

  it('flags a missing account and one that exists only in another namespace', () => {
    expect(
      findings(
        withAccount('bookinfo', 'vm-wrong', 'wrong'),
        withAccount('sock-shop', 'vm-ratings', 'bookinfo-ratings'),
      ),
    ).toEqual([
      'KIA1701 WorkloadGroup/bookinfo/vm-wrong spec/template/serviceAccount warning',
      'KIA1701 WorkloadGroup/sock-shop/vm-ratings spec/template/serviceAccount warning',
    ]);
  });
});

describe('KIA1702: two groups of a namespace label their entries alike', () => {
  const labelled = (ns: string, name: string, labels: Record<string, string>) =>
    workloadGroup(ns, name, { metadata: { labels } });

  it('flags each duplicate, per namespace, whatever the label order', () => {
    expect(
      findings(
        labelled('bookinfo', 'vm1', { app: 'web', version: 'v1' }),
        labelled('bookinfo', 'vm2', { version: 'v1', app: 'web' }),
        labelled('bookinfo', 'vm3', { app: 'web3' }),
        labelled('sock-shop', 'vm1', { app: 'web', version: 'v1' }),
      ),
    ).toEqual([
      'KIA1702 WorkloadGroup/bookinfo/vm1 spec/metadata/labels warning',
      'KIA1702 WorkloadGroup/bookinfo/vm2 spec/metadata/labels warning',
    ]);
  });

  it('ignores groups without a metadata block', () => {
    expect(
      findings(
        workloadGroup('bookinfo', 'vm1', {}),
        workloadGroup('bookinfo', 'vm2', {}),
      ),
    ).toEqual([]);
  });
});
