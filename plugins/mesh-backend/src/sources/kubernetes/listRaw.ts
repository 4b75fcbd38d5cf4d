/*
 * One page of a list as the API server sent it: the body parsed, nothing more. The client's own
 * list methods deserialize every item into its model classes (V1Pod, a Date for each timestamp)
 * before ./trimObject keeps a few fields of it: at 5,000 workloads that was 171 MB of the 402 MB an
 * initial sync allocated (`npm run bench:inventory`, "allocated in the sync") — garbage that sets
 * how far V8 lets the heap grow while a backend starts (docs/design-decisions.md, "A changing
 * cluster"). The request is made as the client makes its own: its authentication
 * (RequestContext), its dispatcher (./requestLimits: limits, TLS, kept connections), its fetch;
 * a refusal is the client's ApiException, so ./kubeErrors reads it as before.
 */
import type * as k8s from '@kubernetes/client-node';
import type { KubernetesClientModule } from './kubeConfigFor';
import { clientUndici } from './requestLimits';

export interface RawListPage {
  items?: unknown[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export type ListRaw = (
  path: string,
  query: Record<string, string | number | undefined>,
) => Promise<RawListPage>;

/** Lists through `kc` (its current cluster and user): `path` is a collection's URL path. */
export function listRawWith(
  client: KubernetesClientModule,
  kc: k8s.KubeConfig,
): ListRaw {
  const { fetch } = clientUndici();
  return async (path, query) => {
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig names no cluster');
    const url = new URL(`${server.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined && value !== '')
        url.searchParams.set(name, String(value));
    const context = new client.RequestContext(
      url.toString(),
      client.HttpMethod.GET,
    );
    await kc.applySecurityAuthentication(context);
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...context.getHeaders() },
      dispatcher: context.getDispatcher(),
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299)
      throw new client.ApiException(
        response.status,
        'Unsuccessful HTTP Request',
        parsedOr(text),
        Object.fromEntries(response.headers),
      );
    return JSON.parse(text) as RawListPage;
  };
}

/** A refusal's body: the API server's Status object when it sent one. */
function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
