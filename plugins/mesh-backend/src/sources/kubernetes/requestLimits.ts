/*
 * Limits on the Kubernetes API's answers to discovery and list requests: a response-size guard and
 * a timeout for headers and body, as the HTTP sources (Prometheus, tracing) have. A conforming API
 * server answers lists in pages (500 objects), so a response beyond the limit means a server that
 * is broken or hostile; it becomes a BAD_RESPONSE instead of a backend that runs out of memory.
 * Watches are streams that live for minutes and are not limited (they get a separate KubeConfig).
 *
 * @kubernetes/client-node creates an undici Agent per request (KubeConfig.createDispatcher) and
 * offers no option for these limits, so its createDispatcher is wrapped on our own KubeConfigs to
 * build the same Agent with `maxResponseSize`, `headersTimeout` and `bodyTimeout`. The Agent class
 * is taken from the undici the client itself uses, so the dispatcher matches its `fetch`.
 *
 * The wrapped createDispatcher also keeps its Agent: with one per request, every list page and
 * every watch (a quiet one reconnects each 30 s, the client's inactivity timeout) opened a new TLS
 * connection and made a new TLS context; a kept Agent pools keep-alive connections as client-go
 * does. It is kept per TLS identity (CA, client certificate, server name), which an exec or file
 * credential may renew under the same KubeConfig.
 */
import type * as k8s from '@kubernetes/client-node';
import { createHash } from 'crypto';

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

/** The undici @kubernetes/client-node itself uses (its Agent and fetch match its dispatchers). */
export function clientUndici(): {
  Agent: new (options: Record<string, unknown>) => unknown;
  fetch: (
    url: URL,
    init: { headers: Record<string, string>; dispatcher?: unknown },
  ) => Promise<{
    status: number;
    headers: Iterable<[string, string]>;
    text(): Promise<string>;
  }>;
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
  return withPooledAgent(kc, {
    maxResponseSize: limits.maxResponseBytes,
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
  });
}

/**
 * `kc`, its requests sent through one kept Agent per TLS identity (for watches: no limits, their
 * inactivity timeout is the client's own); proxied clusters keep the client's own dispatcher.
 */
export function withPooledAgent(
  kc: k8s.KubeConfig,
  agentSettings: Record<string, unknown> = {},
): k8s.KubeConfig {
  const factory = kc as unknown as DispatcherFactory;
  const original = factory.createDispatcher.bind(kc);
  const { Agent } = clientUndici();
  let kept: { identity: string; agent: unknown } | undefined;
  factory.createDispatcher = (cluster, agentOptions) => {
    const options = factory.createDispatcherOptions(cluster, agentOptions);
    if (options.type !== 'agent' && options.type !== 'none')
      return original(cluster, agentOptions);
    const identity = tlsIdentity(options.connect);
    if (kept?.identity !== identity)
      kept = {
        identity,
        agent: new Agent({
          ...(options.connect ? { connect: options.connect } : {}),
          ...agentSettings,
        }),
      };
    return kept.agent;
  };
  return kc;
}

/** A digest of the TLS settings of a connection (CA, client certificate and key, server name, …). */
function tlsIdentity(connect: Record<string, unknown> | undefined): string {
  const hash = createHash('sha256');
  for (const [name, value] of Object.entries(connect ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  ))
    hash
      .update(`\n${name}=`)
      .update(
        Buffer.isBuffer(value) || typeof value === 'string'
          ? value
          : JSON.stringify(value ?? null),
      );
  return hash.digest('base64');
}
