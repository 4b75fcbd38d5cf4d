/* The checkers the engine runs, in the order Kiali groups them by object kind. */
import { ambientL7Checker } from './checkers/ambientL7';
import { ambientPolicyChecker } from './checkers/ambientPolicy';
import { authorizationPolicyChecker } from './checkers/authorizationPolicy';
import { authorizationPolicyMtlsChecker } from './checkers/authorizationPolicyMtls';
import { destinationRuleChecker } from './checkers/destinationRule';
import { destinationRuleMtlsChecker } from './checkers/destinationRuleMtls';
import { destinationRuleTlsChecker } from './checkers/destinationRuleTls';
import { gatewayChecker } from './checkers/gateway';
import { gatewayApiGatewaysChecker } from './checkers/gatewayApiGateways';
import { gatewayApiRoutesChecker } from './checkers/gatewayApiRoutes';
import { peerAuthenticationMtlsChecker } from './checkers/peerAuthenticationMtls';
import { selectorsChecker } from './checkers/selectors';
import { serviceChecker } from './checkers/service';
import { serviceEntryChecker } from './checkers/serviceEntry';
import { sidecarChecker } from './checkers/sidecar';
import { virtualServiceHostsChecker } from './checkers/virtualServiceHosts';
import { virtualServiceRoutesChecker } from './checkers/virtualServiceRoutes';
import { workloadChecker } from './checkers/workload';
import { workloadGroupChecker } from './checkers/workloadGroup';
import { Checker } from './types';

export const CHECKERS: readonly Checker[] = [
  selectorsChecker,
  authorizationPolicyChecker,
  authorizationPolicyMtlsChecker,
  ambientPolicyChecker,
  ambientL7Checker,
  destinationRuleChecker,
  destinationRuleMtlsChecker,
  destinationRuleTlsChecker,
  gatewayChecker,
  gatewayApiGatewaysChecker,
  gatewayApiRoutesChecker,
  peerAuthenticationMtlsChecker,
  serviceChecker,
  sidecarChecker,
  serviceEntryChecker,
  virtualServiceHostsChecker,
  virtualServiceRoutesChecker,
  workloadChecker,
  workloadGroupChecker,
];

/** Codes silenced unless configured otherwise, as in Kiali (`kiali_feature_flags.validations.ignore`). */
export const DEFAULT_IGNORED_CODES: readonly string[] = ['KIA1301'];
