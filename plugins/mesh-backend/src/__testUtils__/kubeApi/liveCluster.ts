/*
 * A live cluster for tests: the Kubernetes API test double (no API server can run here) serving
 * `objects` over HTTPS, read by KubernetesInventorySource through the real client.
 */
import { LiveClusterConfig } from '../../config/clusterConfig';
import {
  KubernetesInventorySource,
  KubernetesInventorySourceOptions,
} from '../../sources/kubernetes/KubernetesInventorySource';
import { recordingLogger } from '../recordingLogger';
import { KubeApiTestServer } from './KubeApiTestServer';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.test-service-account-token';

export interface LiveCluster {
  server: KubeApiTestServer;
  /** A source of the cluster `east` (more with {@link LiveCluster.source}). */
  source: KubernetesInventorySource;
  /** Another source of the same cluster, with other options; stopped with the rest. */
  sourceWith(
    options: Partial<KubernetesInventorySourceOptions>,
  ): KubernetesInventorySource;
  stop(): Promise<void>;
}

/** The config of a live cluster served by a Kubernetes API test double (HTTPS, a service-account token). */
export function testClusterConfig(
  name: string,
  server: { url: string; caData?: string },
  token = TOKEN,
): LiveClusterConfig {
  return {
    source: 'kubernetes',
    name,
    url: server.url,
    auth: { type: 'serviceAccount', token },
    caData: server.caData,
    skipTLSVerify: false,
    istioRootNamespace: 'istio-system',
    istioClusterId: 'Kubernetes',
  };
}

export async function startLiveCluster(
  objects: any[],
  options: Partial<KubernetesInventorySourceOptions> = {},
): Promise<LiveCluster> {
  const server = await new KubeApiTestServer({ token: TOKEN }).start();
  server.apply(...objects);
  const cluster = testClusterConfig('east', server);
  const sources: KubernetesInventorySource[] = [];
  const sourceWith = (more: Partial<KubernetesInventorySourceOptions>) => {
    const source = new KubernetesInventorySource({
      clusters: [cluster],
      logger: recordingLogger(),
      resyncSeconds: 600,
      initialSyncTimeoutSeconds: 20,
      backoff: { baseMs: 20, maxMs: 200 },
      ...more,
    }).start();
    sources.push(source);
    return source;
  };
  return {
    server,
    source: sourceWith(options),
    sourceWith,
    stop: async () => {
      sources.forEach(s => s.stop());
      await server.stop();
    },
  };
}
