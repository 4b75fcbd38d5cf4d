/*
 * TEST DOUBLE of the Kubernetes API server. There is no installable kube-apiserver, kind, k3s or
 * envtest on this machine, in CI or on the npm registry (docs/design-decisions.md, "Test doubles
 * where no real part can run"), so the mesh backend's live-cluster code is tested against this
 * small HTTP server instead, through the real `@kubernetes/client-node` over real sockets. It
 * implements the part of the API that code uses, with the API server's wire formats: discovery
 * (/api, /apis, APIResourceLists, CRD groups with several served versions), lists with label/field
 * selectors and limit/continue pagination, watch streams (newline-delimited JSON events, resume
 * from a resourceVersion, 410 Gone when it is too old, bookmarks, server-side timeouts),
 * bearer-token authentication (401) and per-resource RBAC denials (403 Status bodies). It is
 * loaded with real manifests (shared/fixtures).
 */
import http from 'http';
import https from 'https';
import { AddressInfo, Socket } from 'net';
import { matchesSelector, parseLabelSelector } from '../../kube/labelSelector';
import { DEFAULT_RESOURCES } from './defaultResources';
import { ResourceDef, ResourceStore, WatchEvent } from './resourceStore';
import { testCertificate } from './testCertificate';

export interface KubeApiTestServerOptions {
  /** Resources served (default: core, apps, Istio and Gateway API at their usual versions). */
  resources?: ResourceDef[];
  /** Bearer token every request must carry; none checked when absent. */
  token?: string;
  /**
   * Decides whether a request's credentials are accepted (instead of `token`), as an API server's
   * authenticator does: e.g. verifying an EKS token's signature or asking a token issuer double.
   */
  authenticate?: (req: http.IncomingMessage) => boolean;
  bookmarkIntervalMs?: number;
  /** Serve HTTPS with a self-signed certificate (default true; its CA is `caData`). */
  tls?: boolean;
}

type Route = { def: ResourceDef; version: string; namespace?: string };

export class KubeApiTestServer {
  readonly store: ResourceStore;
  /** Plurals (e.g. `authorizationpolicies`) whose list and watch answer 403. */
  readonly forbidden = new Set<string>();
  readonly requests: string[] = [];
  /** The Authorization header of each request, in order (to see which credential was presented). */
  readonly authorizations: Array<string | undefined> = [];
  private readonly openWatches = new Set<http.ServerResponse>();
  /** Connections clients opened (a client that pools them opens fewer than it sends requests). */
  connectionsAccepted = 0;
  private server?: http.Server | https.Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly options: KubeApiTestServerOptions = {}) {
    this.store = new ResourceStore(options.resources ?? DEFAULT_RESOURCES);
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** CA data (base64 PEM) a client needs to trust this server. */
  get caData(): string | undefined {
    return this.tls ? testCertificate().caData : undefined;
  }

  private get tls(): boolean {
    return this.options.tls ?? true;
  }

  /** Starts listening (again, on the same port after stop(), like an API server coming back). */
  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) =>
      this.handle(req, res);
    const server = this.tls
      ? https.createServer(
          { key: testCertificate().key, cert: testCertificate().cert },
          handler,
        )
      : http.createServer(handler);
    server.on('connection', s => {
      this.connectionsAccepted++;
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>(resolve =>
      server.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Goes away abruptly: open watches are cut, new connections are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  get openWatchCount(): number {
    return this.openWatches.size;
  }

  /** Ends every open watch, as the API server does at a watch's timeout; clients reconnect. */
  closeWatches(): void {
    for (const res of this.openWatches) res.end();
  }

  apply(...objects: any[]): void {
    for (const obj of objects) this.store.apply(obj);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    this.authorizations.push(req.headers.authorization);
    const accepted = this.options.authenticate
      ? this.options.authenticate(req)
      : !this.options.token ||
        req.headers.authorization === `Bearer ${this.options.token}`;
    if (!accepted) {
      status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const discovery = this.discovery(url.pathname);
    if (discovery) {
      json(res, 200, discovery);
      return;
    }
    const route = this.route(url.pathname);
    if (!route || req.method !== 'GET') {
      status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
      return;
    }
    if (this.forbidden.has(route.def.plural)) {
      const verb = url.searchParams.get('watch') === 'true' ? 'watch' : 'list';
      const { group, plural } = route.def;
      const message = `${plural}${
        group ? `.${group}` : ''
      } is forbidden: User "system:serviceaccount:backstage:mesh" cannot ${verb} resource "${plural}" in API group "${group}" at the cluster scope`;
      status(res, 403, 'Forbidden', message);
      return;
    }
    if (url.searchParams.get('watch') === 'true')
      this.watch(route, url.searchParams, req, res);
    else this.list(route, url.searchParams, res);
  }

  private discovery(path: string): unknown {
    const defs = this.store.defs;
    const groups = [...new Set(defs.filter(d => d.group).map(d => d.group))];
    const resources = (group: string, version: string) => ({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: defs
        .filter(d => d.group === group && d.versions.includes(version))
        .map(d => ({
          name: d.plural,
          singularName: d.kind.toLowerCase(),
          namespaced: d.namespaced,
          kind: d.kind,
          verbs: ['get', 'list', 'watch'],
        })),
    });
    const groupDoc = (group: string) => {
      const versions = [
        ...new Set(
          defs.filter(d => d.group === group).flatMap(d => d.versions),
        ),
      ];
      const entries = versions.map(v => ({
        groupVersion: `${group}/${v}`,
        version: v,
      }));
      return {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: group,
        versions: entries,
        preferredVersion: entries[0],
      };
    };
    if (path === '/api')
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [],
      };
    if (path === '/api/v1') return resources('', 'v1');
    if (path === '/apis')
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map(groupDoc),
      };
    const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (m && groups.includes(m[1])) {
      if (!m[2]) return groupDoc(m[1]);
      if (groupDoc(m[1]).versions.some(v => v.version === m[2]))
        return resources(m[1], m[2]);
    }
    return undefined;
  }

  private route(path: string): Route | undefined {
    const m =
      /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(
        path,
      );
    if (!m) return undefined;
    const group = m[2] ?? '';
    const version = m[1] ?? m[3];
    const def = this.store.defs.find(
      d =>
        d.group === group && d.plural === m[5] && d.versions.includes(version),
    );
    return def
      ? { def, version, namespace: m[4] ? decodeURIComponent(m[4]) : undefined }
      : undefined;
  }

  private matcher(
    route: Route,
    params: URLSearchParams,
  ): (obj: any) => boolean {
    const labels = params.get('labelSelector')
      ? parseLabelSelector(params.get('labelSelector')!)
      : [];
    const fields = (params.get('fieldSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map(term => term.split('='));
    return obj =>
      (!route.namespace || obj.metadata.namespace === route.namespace) &&
      matchesSelector(labels, obj.metadata.labels) &&
      fields.every(
        ([field, value]) =>
          (field === 'metadata.name'
            ? obj.metadata.name
            : obj.metadata.namespace) === value,
      );
  }

  /** The object as served at the requested version (one stored object, any served version). */
  private served(route: Route, obj: any, inList: boolean): any {
    const apiVersion = route.def.group
      ? `${route.def.group}/${route.version}`
      : route.version;
    // Built-in lists omit apiVersion/kind on items; custom resources keep them (as the real server).
    if (inList && (route.def.group === '' || route.def.group === 'apps')) {
      const { apiVersion: _a, kind: _k, ...rest } = obj;
      return rest;
    }
    return { ...obj, apiVersion };
  }

  private list(
    route: Route,
    params: URLSearchParams,
    res: http.ServerResponse,
  ): void {
    const all = this.store.list(route.def).filter(this.matcher(route, params));
    const offset = Number(params.get('continue') ?? 0);
    const limit = Number(params.get('limit') ?? 0) || all.length;
    const page = all.slice(offset, offset + limit);
    const next =
      offset + limit < all.length ? String(offset + limit) : undefined;
    json(res, 200, {
      kind: `${route.def.kind}List`,
      apiVersion: route.def.group
        ? `${route.def.group}/${route.version}`
        : route.version,
      metadata: {
        resourceVersion: String(this.store.resourceVersion),
        ...(next ? { continue: next } : {}),
      },
      items: page.map(o => this.served(route, o, true)),
    });
  }

  private watch(
    route: Route,
    params: URLSearchParams,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void {
    const matches = this.matcher(route, params);
    const since = params.get('resourceVersion');
    const send = (type: string, object: unknown) =>
      res.write(`${JSON.stringify({ type, object })}\n`);
    res.writeHead(200, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    res.flushHeaders(); // as the API server: the client learns at once that the watch is established
    const backlog: WatchEvent[] | undefined =
      since && since !== '0'
        ? this.store.eventsSince(route.def, Number(since))
        : this.store.list(route.def).map(object => ({
            type: 'ADDED' as const,
            resourceVersion: 0,
            resource: '',
            object,
          }));
    if (!backlog) {
      send('ERROR', {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Expired',
        code: 410,
        message: `too old resource version: ${since}`,
      });
      res.end();
      return;
    }
    for (const e of backlog)
      if (matches(e.object)) send(e.type, this.served(route, e.object, false));
    const unsubscribe = this.store.subscribe(e => {
      if (
        e.resource === `${route.def.group}/${route.def.plural}` &&
        matches(e.object)
      )
        send(e.type, this.served(route, e.object, false));
    });
    const timers: NodeJS.Timeout[] = [];
    if (params.get('allowWatchBookmarks') === 'true') {
      timers.push(
        setInterval(() => {
          send('BOOKMARK', {
            kind: route.def.kind,
            apiVersion: route.def.group
              ? `${route.def.group}/${route.version}`
              : 'v1',
            metadata: { resourceVersion: String(this.store.resourceVersion) },
          });
        }, this.options.bookmarkIntervalMs ?? 30_000),
      );
    }
    const timeoutSeconds = Number(params.get('timeoutSeconds') ?? 0);
    if (timeoutSeconds > 0)
      timers.push(setTimeout(() => res.end(), timeoutSeconds * 1000));
    this.openWatches.add(res);
    const cleanup = () => {
      this.openWatches.delete(res);
      unsubscribe();
      timers.forEach(t => clearTimeout(t));
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }
}

function json(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function status(
  res: http.ServerResponse,
  code: number,
  reason: string,
  message: string,
): void {
  json(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
}
