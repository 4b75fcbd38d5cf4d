/*
 * `mesh.nameMapping`: entities without Kubernetes annotations mapped by name to the Istio canonical
 * service (../mapping/nameMapping). On by default for Components and Resources.
 *
 *   mesh:
 *     nameMapping:
 *       enabled: true               # false: only annotated entities are mapped
 *       kinds: [Component]          # default [Component, Resource]
 *       namespace: '{system}'       # optional convention: workloads must be in this namespace
 */
import { Config } from '@backstage/config';
import {
  DEFAULT_NAME_MAPPING,
  NAME_MAPPING_PLACEHOLDERS,
  NameMappingPolicy,
} from '../mapping/nameMapping';

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
// A Kubernetes namespace name (DNS label) with {placeholders} allowed in it.
const NAMESPACE_TEMPLATE = /^([a-z0-9-]|\{[a-z]+\})+$/;

export function readNameMappingConfig(
  mesh: Config | undefined,
): NameMappingPolicy {
  const section = mesh?.getOptionalConfig('nameMapping');
  if (!section) return { ...DEFAULT_NAME_MAPPING };
  const enabled = section.getOptionalBoolean('enabled') ?? true;
  const kinds = section.getOptionalStringArray('kinds');
  kinds?.forEach((kind, i) => {
    if (!KIND.test(kind))
      throw new Error(
        `mesh.nameMapping.kinds[${i}] must be a catalog entity kind like Component, got '${kind}'`,
      );
  });
  const namespace = section.getOptionalString('namespace');
  if (namespace !== undefined) {
    const unknown = [...namespace.matchAll(/\{([a-z]+)\}/g)]
      .map(m => m[1])
      .filter(p => !NAME_MAPPING_PLACEHOLDERS.includes(p));
    if (!NAMESPACE_TEMPLATE.test(namespace) || unknown.length > 0)
      throw new Error(
        `mesh.nameMapping.namespace must be a namespace name with optional placeholders ${NAME_MAPPING_PLACEHOLDERS.map(
          p => `{${p}}`,
        ).join(', ')}, got '${namespace}'`,
      );
  }
  return {
    enabled,
    kinds: kinds
      ? kinds.map(k => k.toLowerCase())
      : [...DEFAULT_NAME_MAPPING.kinds],
    ...(namespace !== undefined ? { namespace } : {}),
  };
}
