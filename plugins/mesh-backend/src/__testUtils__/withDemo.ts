/*
 * Test backends serve the embedded demo mesh unless a test says otherwise: the plugin itself
 * never switches the demo on implicitly (it is the demo app's explicit choice, `mesh.demo.enabled`).
 */
import { JsonObject } from '@backstage/types';

/** `config` with `mesh.demo.enabled` defaulting to `demo`; an explicit setting in `config` wins. */
export function withDemo(config: JsonObject = {}, demo = true): JsonObject {
  const mesh = (config.mesh ?? {}) as JsonObject;
  const demoConfig = (mesh.demo ?? {}) as JsonObject;
  return {
    ...config,
    mesh: {
      ...mesh,
      demo: { ...demoConfig, enabled: demoConfig.enabled ?? demo },
    },
  };
}
