/*
 * The shipped RBAC (rbac/mesh-reader.yaml) against what the watch cache actually requests: the
 * Kubernetes API test double records every request while the real client syncs a cluster serving
 * every watched resource; each request must be allowed by the manifest's rules (evaluated as the
 * RBAC authorizer does: verb, API group, resource, namespace, resourceNames with a metadata.name
 * field selector), and each rule must be used by some request — nothing more is granted.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { KubeApiTestServer } from '../../__testUtils__/kubeApi/KubeApiTestServer';
import {
  eventually,
  recordingLogger,
} from '../../__testUtils__/recordingLogger';
import { KubernetesInventorySource } from './KubernetesInventorySource';

const MANIFEST = path.resolve(__dirname, '../../../rbac/mesh-reader.yaml');

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  /** Set for a Role's rules: the namespace they apply in. */
  namespace?: string;
}

interface ResourceRequest {
  verb: 'list' | 'watch' | 'get';
  group: string;
  resource: string;
  namespace?: string;
  /** From a `metadata.name=` field selector (how list/watch match resourceNames). */
  name?: string;
}

function manifestRules(): { rules: Rule[]; bound: string[] } {
  const docs = parseAllDocuments(fs.readFileSync(MANIFEST, 'utf8')).map(d =>
    d.toJSON(),
  );
  const rules = docs.flatMap(doc =>
    doc.kind === 'ClusterRole' || doc.kind === 'Role'
      ? (doc.rules as Rule[]).map(r => ({
          ...r,
          namespace: doc.kind === 'Role' ? doc.metadata.namespace : undefined,
        }))
      : [],
  );
  const bound = docs
    .filter(d => d.kind === 'ClusterRoleBinding' || d.kind === 'RoleBinding')
    .map(d => d.roleRef.name);
  const roles = docs
    .filter(d => d.kind === 'ClusterRole' || d.kind === 'Role')
    .map(d => d.metadata.name);
  expect(bound.sort()).toEqual(roles.sort()); // every role is bound
  return { rules, bound };
}

/** A recorded request (`GET /apis/g/v/namespaces/ns/plural?…`) as the RBAC authorizer sees it. */
function resourceRequest(recorded: string): ResourceRequest | undefined {
  const url = new URL(recorded.replace(/^GET /, ''), 'http://x');
  const m =
    /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(
      url.pathname,
    );
  if (!m) return undefined; // discovery
  const name = /(?:^|,)metadata\.name=([^,]+)/.exec(
    url.searchParams.get('fieldSelector') ?? '',
  )?.[1];
  return {
    verb: url.searchParams.get('watch') === 'true' ? 'watch' : 'list',
    group: m[1] ?? '',
    namespace: m[2],
    resource: m[3],
    name,
  };
}

function allows(rule: Rule, r: ResourceRequest): boolean {
  return (
    rule.verbs.includes(r.verb) &&
    rule.apiGroups.includes(r.group) &&
    rule.resources.includes(r.resource) &&
    (!rule.namespace || rule.namespace === r.namespace) &&
    (!rule.resourceNames || (!!r.name && rule.resourceNames.includes(r.name)))
  );
}

describe('the shipped ClusterRole', () => {
  let server: KubeApiTestServer;
  let source: KubernetesInventorySource;
  afterEach(async () => {
    source?.stop();
    await server?.stop();
  });

  it('allows every request the watch cache makes, and nothing it does not make', async () => {
    server = await new KubeApiTestServer({
      token: 'mesh-reader-token',
    }).start();
    source = new KubernetesInventorySource({
      clusters: [
        {
          source: 'kubernetes',
          name: 'east',
          url: server.url,
          auth: { type: 'serviceAccount', token: 'mesh-reader-token' },
          caData: server.caData,
          skipTLSVerify: false,
          istioRootNamespace: 'istio-system',
          istioClusterId: 'Kubernetes',
        },
      ],
      logger: recordingLogger(),
      resyncSeconds: 600,
      initialSyncTimeoutSeconds: 20,
    }).start();
    expect((await source.getClusterObjects('east')).errors).toEqual([]);
    const { rules } = manifestRules();
    const isWatch = (r: string) => r.includes('watch=true');
    // Wait until every listed collection is being watched too.
    await eventually(() => {
      const lists = new Set(
        server.requests
          .filter(r => !isWatch(r) && resourceRequest(r))
          .map(r => resourceRequest(r)!.resource),
      );
      const watches = new Set(
        server.requests.filter(isWatch).map(r => resourceRequest(r)!.resource),
      );
      return lists.size > 0 && [...lists].every(l => watches.has(l));
    });

    const requests = server.requests.map(r => ({
      recorded: r,
      request: resourceRequest(r),
    }));
    // Everything that is not a resource request is API discovery (system:discovery allows it).
    expect(
      requests
        .filter(r => !r.request)
        .map(r => new URL(r.recorded.replace(/^GET /, ''), 'http://x').pathname)
        .filter(p => !/^\/apis?(\/[^/]+){0,2}$/.test(p)),
    ).toEqual([]);
    const denied = requests
      .filter(r => r.request && !rules.some(rule => allows(rule, r.request!)))
      .map(r => r.recorded);
    expect(denied).toEqual([]);

    // Exactly what is read: each granted (group, resource, verb) is requested.
    const used = new Set(
      requests
        .filter(r => r.request)
        .map(
          r => `${r.request!.group}/${r.request!.resource}/${r.request!.verb}`,
        ),
    );
    const granted = rules.flatMap(rule =>
      rule.apiGroups.flatMap(g =>
        rule.resources.flatMap(res => rule.verbs.map(v => `${g}/${res}/${v}`)),
      ),
    );
    expect(granted.filter(g => !used.has(g))).toEqual([]);
    expect([...used].filter(u => !granted.includes(u))).toEqual([]);
  });
});
