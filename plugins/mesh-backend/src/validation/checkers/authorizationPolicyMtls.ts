/*
 * KIA0105 (Kiali's MtlsEnabledChecker): an AuthorizationPolicy that matches on peer identity
 * (principals, namespaces, their negations, or `when` on source.principal / source.namespace /
 * connection.sni) only works when the selected workloads receive mTLS.
 *
 * Like Kiali, the policy's own selector labels stand for the workload labels in the workload-level
 * reading (§4.5), and a policy without a selector is judged at namespace level.
 */
import { IstioObject } from '../../kube/types';
import { kialiReceivesMtls, MTLS_ENABLED } from '../../security/kialiStatus';
import { matchLabelsOf, namespaceOf } from '../../kube/istioObjects';
import { finding } from '../codes';
import { ValidationContext } from '../context';
import { Checker, Finding } from '../types';

const IDENTITY_FIELDS = [
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
] as const;
const IDENTITY_CONDITIONS = [
  'source.namespace',
  'source.principal',
  'connection.sni',
];

/** Paths of the fields of a policy that need the peer's mTLS identity. */
export function identityPaths(ap: IstioObject): string[] {
  const paths: string[] = [];
  (ap.spec?.rules ?? []).forEach((rule: any, r: number) => {
    if (!rule) return;
    (rule.from ?? []).forEach((from: any, f: number) => {
      for (const field of IDENTITY_FIELDS) {
        if ((from?.source?.[field] ?? []).length > 0)
          paths.push(`spec/rules[${r}]/from[${f}]/source/${field}`);
      }
    });
    (rule.when ?? []).forEach((condition: any, w: number) => {
      if (IDENTITY_CONDITIONS.includes(condition?.key))
        paths.push(`spec/rules[${r}]/when[${w}]`);
    });
  });
  return paths;
}

export const authorizationPolicyMtlsChecker: Checker = {
  name: 'MtlsEnabledChecker',
  codes: ['KIA0105'],
  check(ctx: ValidationContext): Finding[] {
    return ctx.authorizationPolicies.flatMap(ap => {
      const paths = identityPaths(ap);
      if (paths.length === 0) return [];
      const status = kialiReceivesMtls(
        matchLabelsOf(ap),
        ctx.mtlsInputs(namespaceOf(ap)),
      );
      if (status === MTLS_ENABLED) return [];
      return paths.map(path => finding('KIA0105', ctx.ref(ap), path));
    });
  },
};
