/*
 * WorkloadGroup checks (Kiali's WorkloadGroupsChecker: ServiceAccountsChecker, DuplicateLabelsChecker):
 * KIA1701 the template's service account does not exist in the group's namespace, KIA1702 two groups
 * of one namespace give their WorkloadEntries the same labels (`spec.metadata.labels`), so no selector
 * can tell their VMs apart.
 */
import { namespaceOf } from '../../kube/istioObjects';
import { IstioObject } from '../../kube/types';
import { finding } from '../codes';
import { clusterPrincipals } from '../principals';
import { Checker, Finding } from '../types';

/** Labels as one comparable string, independent of key order (Kiali's LabelsToSortedString). */
const sortedLabels = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map(k => `${k}=${labels[k]}`)
    .join(',');

function duplicateLabels(groups: IstioObject[]): IstioObject[] {
  const byKey = new Map<string, IstioObject[]>();
  for (const wg of groups) {
    const labels = wg.spec?.metadata?.labels;
    // Kiali compares only groups that have a metadata block (an empty label set included).
    if (!wg.spec?.metadata) continue;
    const key = `${namespaceOf(wg)}|${sortedLabels(labels ?? {})}`;
    byKey.set(key, [...(byKey.get(key) ?? []), wg]);
  }
  return [...byKey.values()].filter(same => same.length > 1).flat();
}

export const workloadGroupChecker: Checker = {
  name: 'WorkloadGroupsChecker (ServiceAccountsChecker, DuplicateLabelsChecker)',
  codes: ['KIA1701', 'KIA1702'],
  check(ctx) {
    const principals = new Set(clusterPrincipals(ctx.cluster, ctx.objects));
    const out: Finding[] = [];
    for (const wg of ctx.workloadGroups) {
      const account = wg.spec?.template?.serviceAccount;
      // Kiali builds the principal in the cluster's own trust domain; aliases name the same account.
      const principal = `${ctx.trustDomains[0]}/ns/${namespaceOf(
        wg,
      )}/sa/${account}`;
      if (account && !principals.has(principal))
        out.push(
          finding('KIA1701', ctx.ref(wg), 'spec/template/serviceAccount'),
        );
    }
    for (const wg of duplicateLabels(ctx.workloadGroups))
      out.push(finding('KIA1702', ctx.ref(wg), 'spec/metadata/labels'));
    return out;
  },
};
