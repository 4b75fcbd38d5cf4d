/*
 * Limits on the Kubernetes API's answers to discovery and list requests: a response-size guard and
 * a timeout for headers and body, as the HTTP sources (Prometheus, tracing) have. A conforming API
 * server answers lists in pages (500 objects), so a response beyond the limit means a server that
 * is broken or hostile; it becomes a BAD_RESPONSE instead of a backend that runs out of memory.
 * Watches are streams that live for minutes and are not limited (they get a separate KubeConfig).
 *
 * @kubernetes/client-node creates an undici Agent per request (KubeConfig.createDispatcher) and
 * offers no option for these limits, so its createDispatcher is wrapped on our own KubeConfig to
 * build the same Agent with `maxResponseSize`, `headersTimeout` and `bodyTimeout`. The Agent class
 * is taken from the undici the client itself uses, so the dispatcher matches its `fetch`.
 */
import type * as k8s from '@kubernetes/client-node';

export interface KubeRequestLimits {
  maxResponseBytes: number;
  timeoutMs: number;
}

export const DEFAULT_KUBE_REQUEST_LIMITS: KubeRequestLimits = {
  maxResponseBytes: 64 * 1024 * 1024,
  timeoutMs: 30_000,
};

type DispatcherOptions = {
  type: 'agent' | 'none' | 'proxy' | 'socks';
  connect?: Record<string, unknown>;
};
interface DispatcherFactory {
  createDispatcher(cluster: unknown, agentOptions: unknown): unknown;
  createDispatcherOptions(
    cluster: unknown,
    agentOptions: unknown,
  ): DispatcherOptions;
}

function clientUndici(): {
  Agent: new (options: Record<string, unknown>) => unknown;
} {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('undici', {
    paths: [require.resolve('@kubernetes/client-node')],
  }));
}

/** `kc`, with every request it makes limited (proxied clusters keep the client's own dispatcher). */
export function withRequestLimits(
  kc: k8s.KubeConfig,
  limits: KubeRequestLimits,
): k8s.KubeConfig {
  const factory = kc as unknown as DispatcherFactory;
  const original = factory.createDispatcher.bind(kc);
  const { Agent } = clientUndici();
  factory.createDispatcher = (cluster, agentOptions) => {
    const options = factory.createDispatcherOptions(cluster, agentOptions);
    if (options.type !== 'agent' && options.type !== 'none')
      return original(cluster, agentOptions);
    return new Agent({
      ...(options.connect ? { connect: options.connect } : {}),
      maxResponseSize: limits.maxResponseBytes,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    });
  };
  return kc;
}
