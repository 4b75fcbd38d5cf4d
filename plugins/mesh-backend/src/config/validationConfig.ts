/*
 * `mesh.validations`: which Kiali validation codes are silenced everywhere, like Kiali's
 * `kiali_feature_flags.validations.ignore` (KIA1301 by default: most meshes do not put an
 * AuthorizationPolicy on every workload). Single objects are silenced with the annotation
 * `kiali.io/ignore-validations`.
 *
 *   mesh:
 *     validations:
 *       ignore: [KIA1301, KIA0004]   # [] reports everything
 *       gatewayApiClasses: [istio, istio-waypoint]   # default: discovered (../validation/gatewayClasses)
 */
import { Config } from '@backstage/config';
import { DEFAULT_IGNORED_CODES } from '../validation/registry';

export interface ValidationConfig {
  ignore: string[];
  /** Gateway API classes Istio implements (Kiali's `gateway_api_classes`); undefined: discovered. */
  gatewayApiClasses?: string[];
}

export function readValidationConfig(
  mesh: Config | undefined,
): ValidationConfig {
  const gatewayApiClasses = mesh?.getOptionalStringArray(
    'validations.gatewayApiClasses',
  );
  const ignore = mesh?.getOptionalStringArray('validations.ignore');
  if (!ignore) return { ignore: [...DEFAULT_IGNORED_CODES], gatewayApiClasses };
  ignore.forEach((code, i) => {
    if (!/^KIA\d{4}$/.test(code)) {
      throw new Error(
        `mesh.validations.ignore[${i}] must be a Kiali validation code like KIA1301, got '${code}'`,
      );
    }
  });
  return { ignore, gatewayApiClasses };
}
