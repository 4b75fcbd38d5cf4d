/* Istio's mesh config: the `mesh` key (YAML) of the `istio` ConfigMap in the root namespace. */
import { parse as parseYaml } from 'yaml';
import { MeshConfigSubset } from './types';

export const MESH_CONFIG_MAP_NAME = 'istio';

export function meshConfigOf(
  configMap: { data?: Record<string, string> } | undefined,
): MeshConfigSubset {
  const text = configMap?.data?.mesh;
  if (!text) return {};
  try {
    const mesh = parseYaml(text) ?? {};
    return {
      ...(typeof mesh.enableAutoMtls === 'boolean'
        ? { enableAutoMtls: mesh.enableAutoMtls }
        : {}),
      ...(typeof mesh.rootNamespace === 'string'
        ? { rootNamespace: mesh.rootNamespace }
        : {}),
      ...(typeof mesh.trustDomain === 'string'
        ? { trustDomain: mesh.trustDomain }
        : {}),
      ...stringList('trustDomainAliases', mesh.trustDomainAliases),
      ...(typeof mesh.outboundTrafficPolicy?.mode === 'string'
        ? { outboundTrafficPolicy: { mode: mesh.outboundTrafficPolicy.mode } }
        : {}),
      ...stringList('defaultServiceExportTo', mesh.defaultServiceExportTo),
      ...stringList(
        'defaultVirtualServiceExportTo',
        mesh.defaultVirtualServiceExportTo,
      ),
      ...stringList(
        'defaultDestinationRuleExportTo',
        mesh.defaultDestinationRuleExportTo,
      ),
    };
  } catch {
    return {}; // An unparsable mesh config means Istio's defaults, as istiod falls back to them.
  }
}

function stringList<K extends string>(
  key: K,
  value: unknown,
): Partial<Record<K, string[]>> {
  return Array.isArray(value) && value.every(v => typeof v === 'string')
    ? ({ [key]: value } as Record<K, string[]>)
    : {};
}
