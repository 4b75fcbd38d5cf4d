export interface Config {
  /**
   * Service-mesh view. Clusters come from the Kubernetes plugin's `kubernetes` config and
   * `mesh.clusters`; with none configured every response carries a `NOT_CONFIGURED` error.
   */
  mesh?: {
    /**
     * Serve the embedded demo mesh (Bookinfo, Sock Shop, Online Boutique). Default false: the demo
     * is only ever served when this is set; with no cluster configured the plugin answers with a
     * `NOT_CONFIGURED` error instead.
     */
    demo?: {
      enabled?: boolean;
      /** Read the demo's metrics through a Prometheus that scrapes it, instead of in-process. */
      prometheus?: {
        /** Base URL of the Prometheus HTTP API (Prometheus, Thanos query, Mimir's Prometheus API). No credentials in the URL. */
        url: string;
        /** Per-query timeout in seconds. Default 10. */
        timeoutSeconds?: number;
        /** Largest response held whole, in bytes (range queries, errors, small answers). Default 64 MiB. */
        maxResponseBytes?: number;
        /**
         * Largest instant-query answer decoded as it arrives, in bytes: such answers (the mesh model's
         * mesh-wide reads, ~300 MB at 25,000 edges) are never held whole. Default 1 GiB.
         */
        maxStreamedResponseBytes?: number;
        /**
         * The store records Istio's workload-level aggregation rules (Istio's "Observability Best
         * Practices": `workload:istio_requests_total`, …): read those series. Default false.
         */
        workloadRecordingRules?: boolean;
        /**
         * Bearer token sent as `Authorization: Bearer …`.
         * @visibility secret
         */
        bearerToken?: string;
        basicAuth?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir tenants. */
        headers?: { [name: string]: string };
        /** Credentials of a managed Prometheus service instead of bearerToken/basicAuth. */
        auth?: ManagedPrometheusAuth;
        /**
         * Base64 PEM (or PEM) of the CA that signs the store's certificate (a private CA); replaces the system CAs.
         * @visibility secret
         */
        caData?: string;
        /** Path of that CA's PEM file. */
        caFile?: string;
        /** Client certificate (mTLS), base64 PEM or PEM. */
        clientCertData?: string;
        /** Path of the client certificate's PEM file. */
        clientCertFile?: string;
        /**
         * Key of the client certificate, base64 PEM or PEM.
         * @visibility secret
         */
        clientKeyData?: string;
        /** Path of the client key's PEM file. */
        clientKeyFile?: string;
        /** Accept any server certificate (logged as a warning). */
        skipTLSVerify?: boolean;
      };
    };
    /** Default Prometheus-API store of Istio metrics for every cluster without its own. */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API (Prometheus, Thanos query, Mimir's Prometheus API). No credentials in the URL. */
      url: string;
      /** Per-query timeout in seconds. Default 10. */
      timeoutSeconds?: number;
      /** Largest response held whole, in bytes (range queries, errors, small answers). Default 64 MiB. */
      maxResponseBytes?: number;
      /**
       * Largest instant-query answer decoded as it arrives, in bytes: such answers (the mesh model's
       * mesh-wide reads, ~300 MB at 25,000 edges) are never held whole. Default 1 GiB.
       */
      maxStreamedResponseBytes?: number;
      /**
       * The store records Istio's workload-level aggregation rules (Istio's "Observability Best
       * Practices": `workload:istio_requests_total`, …): read those series. Default false.
       */
      workloadRecordingRules?: boolean;
      /**
       * Bearer token sent as `Authorization: Bearer …`.
       * @visibility secret
       */
      bearerToken?: string;
      basicAuth?: {
        username: string;
        /** @visibility secret */
        password: string;
      };
      /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir tenants. */
      headers?: { [name: string]: string };
      /** Credentials of a managed Prometheus service instead of bearerToken/basicAuth. */
      auth?: ManagedPrometheusAuth;
      /**
       * Base64 PEM (or PEM) of the CA that signs the store's certificate (a private CA); replaces the system CAs.
       * @visibility secret
       */
      caData?: string;
      /** Path of that CA's PEM file. */
      caFile?: string;
      /** Client certificate (mTLS), base64 PEM or PEM. */
      clientCertData?: string;
      /** Path of the client certificate's PEM file. */
      clientCertFile?: string;
      /**
       * Key of the client certificate, base64 PEM or PEM.
       * @visibility secret
       */
      clientKeyData?: string;
      /** Path of the client key's PEM file. */
      clientKeyFile?: string;
      /** Accept any server certificate (logged as a warning). */
      skipTLSVerify?: boolean;
    };
    /** Default trace backend (Jaeger query API, Tempo, Zipkin v2) for clusters without their own `mesh.clusters[].tracing`. */
    tracing?: {
      /** Which API `url` serves. */
      type: 'jaeger' | 'tempo' | 'zipkin';
      /** Base URL of the query API, e.g. http://tracing.istio-system:16685/jaeger, http://tempo:3200, http://zipkin:9411. No credentials in the URL. */
      url: string;
      /** Per-request timeout in seconds. Default 5 (Kiali's). */
      timeoutSeconds?: number;
      /** Largest response accepted, in bytes. Default 32 MiB. */
      maxResponseBytes?: number;
      /** @visibility secret */
      bearerToken?: string;
      basicAuth?: {
        username: string;
        /** @visibility secret */
        password: string;
      };
      /** Extra request headers, e.g. `X-Scope-OrgID` for a Tempo tenant. */
      headers?: { [name: string]: string };
      /**
       * Base64 PEM (or PEM) of the CA that signs the store's certificate (a private CA); replaces the system CAs.
       * @visibility secret
       */
      caData?: string;
      /** Path of that CA's PEM file. */
      caFile?: string;
      /** Client certificate (mTLS), base64 PEM or PEM. */
      clientCertData?: string;
      /** Path of the client certificate's PEM file. */
      clientCertFile?: string;
      /**
       * Key of the client certificate, base64 PEM or PEM.
       * @visibility secret
       */
      clientKeyData?: string;
      /** Path of the client key's PEM file. */
      clientKeyFile?: string;
      /** Accept any server certificate (logged as a warning). */
      skipTLSVerify?: boolean;
      /** The backend's UI for trace links: Jaeger UI base, Zipkin UI base (…/zipkin), or any URL containing `{traceId}` (required for Tempo/Grafana). */
      uiUrl?: string;
      /** Tempo only: `traceql` (Tempo ≥ 2.0, default) or `tags` (logfmt search of older Tempo). */
      searchMode?: 'traceql' | 'tags';
      /** Entity annotation naming this backend's services. Default `mesh.backstage.io/tracing-service`. */
      serviceNameAnnotation?: string;
    };
    /**
     * A caller's catalog reads and `mesh.entity.read` decisions: identical ones in flight join one
     * call; with a TTL they are reused for that long, per caller (key: principal and token digest),
     * so a change of the permission policy or an entity reaches that caller up to TTL late.
     */
    callerCache?: {
      /** Seconds (0–300). Default 0: joined while in flight only, never reused. */
      ttlSeconds?: number;
    };
    /** Declared vs observed dependencies (catalog drift). */
    dependencies?: {
      /** Observation window when a request names none. Default `7d`. */
      window?: string;
      /** Requests per second (or KB/s for TCP) below which traffic does not count. Default 0.001. */
      floorRps?: number;
    };
    /**
     * Entities without `backstage.io/kubernetes-id` / `-label-selector` mapped by name to the Istio
     * canonical service of their workloads (`service.istio.io/canonical-name`, else
     * `app.kubernetes.io/name`, else `app`). Never overrides annotations; a name found in several
     * namespaces or clusters is reported as ambiguous and not mapped.
     */
    nameMapping?: {
      /** Default true. */
      enabled?: boolean;
      /** Entity kinds mapped by name. Default `[Component, Resource]`. */
      kinds?: string[];
      /**
       * Namespace convention: the workloads must be in this namespace. Placeholders `{namespace}`
       * (the entity's catalog namespace), `{system}` (its System's name), `{name}`. Default: any
       * namespace. `backstage.io/kubernetes-namespace` on an entity wins.
       */
      namespace?: string;
    };
    /** Istio config validation. */
    validations?: {
      /** Kiali codes never reported (like Kiali's `validations.ignore`). Default `['KIA1301']`. */
      ignore?: string[];
      /**
       * Gateway API classes Istio implements here (like Kiali's `gateway_api_classes`): a Gateway of
       * another class is KIA1504. Default: the cluster's GatewayClasses with an `istio.io/…`
       * controller, else Istio's defaults (`istio`, `istio-remote`, `istio-east-west` with several
       * clusters, `istio-waypoint` when ztunnel runs).
       */
      gatewayApiClasses?: string[];
    };
    /** Telemetry query tuning. */
    telemetry?: {
      /** Evaluation times are rounded down to this many seconds so concurrent requests share queries. Default 5. */
      alignSeconds?: number;
      /**
       * The mesh model: the mesh-wide traffic of a few canonical windows, refreshed in the
       * background by one replica at a time (a global scheduler task) and shared through
       * Backstage's cache, so requests for these windows never wait on Prometheus.
       */
      model?: {
        /** Default true. Off: every request queries Prometheus (coalesced and cached). */
        enabled?: boolean;
        /** Seconds between refreshes. Default 30. */
        refreshSeconds?: number;
        /** Windows kept current, Prometheus durations. Default `['1m', '5m', '10m', '1h']`. */
        windows?: string[];
        /**
         * Minutes a window other than the UI's defaults (the graph's 10m, health's 5m) may go
         * unread by any replica before its refreshes stop; a read answers it on demand and
         * refreshes it again. Likewise a window's latency (the request-duration histogram, ~20×
         * the series of the request counters), which only graphs read: refreshed for the graph's
         * default window always, for others while a graph of that window was read within this
         * time. Default 15; 0 keeps every window refreshed, with its latency.
         */
        idleAfterMinutes?: number;
      };
    };
    /**
     * Health tolerances in Kiali's format, evaluated before the defaults (5xx any/10%, 4xx 10/20%,
     * gRPC errors any/10%, no response any/10%). `code` is a regex where X stands for a digit.
     */
    health?: {
      tolerances?: Array<{
        code: string;
        protocol?: string;
        direction?: string;
        degraded: number;
        failure: number;
      }>;
      /**
       * Tolerances for the objects a rule matches (Kiali's `health_config.rate`): `namespace`,
       * `kind` (workload, app, service) and `name` are anchored regexes; the first match wins.
       */
      rate?: Array<{
        namespace?: string;
        kind?: string;
        name?: string;
        tolerances: Array<{
          code: string;
          protocol?: string;
          direction?: string;
          degraded: number;
          failure: number;
        }>;
      }>;
    };
    /**
     * Mesh settings per cluster, matched by name. A name configured in
     * `kubernetes.clusterLocatorMethods` (or `mesh.kubeconfig` / `mesh.inCluster`) is a live cluster
     * and only gains these settings; a name with `snapshot` is a read-only cluster read from files.
     */
    clusters?: Array<{
      /** Cluster name; `backstage.io/kubernetes-cluster` annotations refer to it. */
      name: string;
      /** Where the cluster's objects come from. Default: `snapshot` when `snapshot` is set, else `kubernetes`. */
      source?: 'kubernetes' | 'snapshot';
      /** A cluster dump: a file or directory of manifests (multi-document YAML/JSON, `kubectl get -o yaml` Lists). */
      snapshot?: {
        path: string;
        /** Namespace of namespaced objects that have none (plain manifests). Default `default`. */
        defaultNamespace?: string;
      };
      /**
       * How the mesh plugin authenticates to this live cluster, instead of the Kubernetes plugin's
       * `authProvider`: needed when that one signs in each user from the browser (`google`, `oidc`,
       * `aks`), since the mesh plugin keeps one shared watch cache. `serviceAccount`, `aws`,
       * `googleServiceAccount` or `azure`.
       */
      authProvider?: string;
      /**
       * With `authProvider: serviceAccount`: the token.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** With `authProvider: aws`: role to assume. */
      assumeRole?: string;
      /**
       * With `authProvider: aws`: the role's external id.
       * @visibility secret
       */
      externalId?: string;
      /** Istio root namespace (mesh-wide policies, the `istio` ConfigMap). Default `istio-system`. */
      istioRootNamespace?: string;
      /** Istio cluster id as in metric labels (`source_cluster`). Default `Kubernetes`. */
      istioClusterId?: string;
      /** This cluster's trace backend, overriding `mesh.tracing` (same keys). */
      tracing?: {
        /** Which API `url` serves. */
        type: 'jaeger' | 'tempo' | 'zipkin';
        /** Base URL of the query API, e.g. http://tracing.istio-system:16685/jaeger, http://tempo:3200, http://zipkin:9411. No credentials in the URL. */
        url: string;
        /** Per-request timeout in seconds. Default 5 (Kiali's). */
        timeoutSeconds?: number;
        /** Largest response accepted, in bytes. Default 32 MiB. */
        maxResponseBytes?: number;
        /** @visibility secret */
        bearerToken?: string;
        basicAuth?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        /** Extra request headers, e.g. `X-Scope-OrgID` for a Tempo tenant. */
        headers?: { [name: string]: string };
        /**
         * Base64 PEM (or PEM) of the CA that signs the store's certificate (a private CA); replaces the system CAs.
         * @visibility secret
         */
        caData?: string;
        /** Path of that CA's PEM file. */
        caFile?: string;
        /** Client certificate (mTLS), base64 PEM or PEM. */
        clientCertData?: string;
        /** Path of the client certificate's PEM file. */
        clientCertFile?: string;
        /**
         * Key of the client certificate, base64 PEM or PEM.
         * @visibility secret
         */
        clientKeyData?: string;
        /** Path of the client key's PEM file. */
        clientKeyFile?: string;
        /** Accept any server certificate (logged as a warning). */
        skipTLSVerify?: boolean;
        /** The backend's UI for trace links: Jaeger UI base, Zipkin UI base (…/zipkin), or any URL containing `{traceId}` (required for Tempo/Grafana). */
        uiUrl?: string;
        /** Tempo only: `traceql` (Tempo ≥ 2.0, default) or `tags` (logfmt search of older Tempo). */
        searchMode?: 'traceql' | 'tags';
        /** Entity annotation naming this backend's services. Default `mesh.backstage.io/tracing-service`. */
        serviceNameAnnotation?: string;
      };
      /** This cluster's Prometheus-API store, overriding `mesh.prometheus`. */
      prometheus?: {
        /** Base URL of the Prometheus HTTP API (Prometheus, Thanos query, Mimir's Prometheus API). No credentials in the URL. */
        url: string;
        /** Per-query timeout in seconds. Default 10. */
        timeoutSeconds?: number;
        /** Largest response held whole, in bytes (range queries, errors, small answers). Default 64 MiB. */
        maxResponseBytes?: number;
        /**
         * Largest instant-query answer decoded as it arrives, in bytes: such answers (the mesh model's
         * mesh-wide reads, ~300 MB at 25,000 edges) are never held whole. Default 1 GiB.
         */
        maxStreamedResponseBytes?: number;
        /**
         * The store records Istio's workload-level aggregation rules (Istio's "Observability Best
         * Practices": `workload:istio_requests_total`, …): read those series. Default false.
         */
        workloadRecordingRules?: boolean;
        /**
         * Bearer token sent as `Authorization: Bearer …`.
         * @visibility secret
         */
        bearerToken?: string;
        basicAuth?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir tenants. */
        headers?: { [name: string]: string };
        /** Credentials of a managed Prometheus service instead of bearerToken/basicAuth. */
        auth?: ManagedPrometheusAuth;
        /**
         * Base64 PEM (or PEM) of the CA that signs the store's certificate (a private CA); replaces the system CAs.
         * @visibility secret
         */
        caData?: string;
        /** Path of that CA's PEM file. */
        caFile?: string;
        /** Client certificate (mTLS), base64 PEM or PEM. */
        clientCertData?: string;
        /** Path of the client certificate's PEM file. */
        clientCertFile?: string;
        /**
         * Key of the client certificate, base64 PEM or PEM.
         * @visibility secret
         */
        clientKeyData?: string;
        /** Path of the client key's PEM file. */
        clientKeyFile?: string;
        /** Accept any server certificate (logged as a warning). */
        skipTLSVerify?: boolean;
      };
    }>;
    /** Development: one cluster from a kubeconfig file (default `~/.kube/config` / `$KUBECONFIG`). */
    kubeconfig?: {
      path?: string;
      /** Context to use; the current context when absent. */
      context?: string;
      /** Cluster name in the mesh plugin. Default: the context name, else `kubeconfig`. */
      name?: string;
    };
    /** Development / in-cluster Backstage: the pod's own service account. */
    inCluster?: {
      /** Cluster name in the mesh plugin. Default `in-cluster`. */
      name?: string;
    };
    /** Watch cache tuning for live clusters. */
    kubernetes?: {
      /** Full re-list and re-discovery of every watched resource after this many seconds. Default 600. */
      resyncSeconds?: number;
      /** How long a request waits for a cluster's first sync before answering with what it has. Default 10. */
      initialSyncTimeoutSeconds?: number;
      /**
       * A cluster's changes (pods replaced, scaled, becoming ready; Istio objects applied) reach the
       * views at most this late: the views take in at most one new state of a cluster per interval,
       * however fast it changes, and the first change after a quiet interval at once. Each new
       * state makes the mesh-wide answers (overview, team views) be computed again. Default 30;
       * 0 takes every change at once.
       */
      settleSeconds?: number;
      /** Largest discovery or list response accepted from an API server, in bytes. Default 64 MiB. */
      maxResponseBytes?: number;
      /** Timeout of discovery and list requests (headers, and between body chunks), in seconds. Default 30. */
      requestTimeoutSeconds?: number;
    };
  };
  /**
   * The part of the Kubernetes plugin's configuration the mesh plugin reads (declared here too, so
   * credentials are marked secret even when the Kubernetes backend plugin is not installed).
   */
  kubernetes?: {
    /**
     * `googleServiceAccount`: a service-account key (JSON); without it, Application Default Credentials (GKE Workload Identity).
     * @visibility secret
     */
    googleServiceAccountCredentials?: string;
    clusterLocatorMethods?: Array<{
      /** `config` and `localKubectlProxy` are read by the mesh plugin; other types are ignored with a warning. */
      type: string;
      clusters?: Array<{
        /** Cluster name. */
        name: string;
        /** API server URL (from config only; never taken from a request). */
        url: string;
        /**
         * `serviceAccount` (default), `aws`, `googleServiceAccount` or `azure`: tokens come from the
         * Kubernetes plugin's own strategies. Per-user providers (`google`, `oidc`, `aks`) need a
         * backend credential for the mesh plugin: `mesh.clusters[].authProvider`.
         */
        authProvider?: string;
        /** `aws`: role to assume for this cluster. */
        assumeRole?: string;
        /**
         * `aws`: external id of the role to assume.
         * @visibility secret
         */
        externalId?: string;
        /**
         * The Kubernetes plugin's auth metadata (`kubernetes.io/auth-provider`, `kubernetes.io/aws-assume-role`, `serviceAccountToken`, …).
         * @visibility secret
         */
        authMetadata?: { [key: string]: string };
        /**
         * Bearer token of the service account; without one, the pod's own service-account token is used.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * Base64 PEM of the API server's CA.
         * @visibility secret
         */
        caData?: string;
        /** Path of the API server's CA file. */
        caFile?: string;
        /** Turn off TLS verification (also needed for plain-HTTP URLs). */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
}

/**
 * Credentials of a managed Prometheus service instead of bearerToken/basicAuth:
 * `aws` (Amazon Managed Service for Prometheus, SigV4 with the `aws` integration's credentials),
 * `google` (Google Managed Prometheus, OAuth2 via Application Default Credentials or a key),
 * `azure` (Azure Monitor workspace, Microsoft Entra token).
 */
type ManagedPrometheusAuth =
  | {
      type: 'aws';
      /** Region of the workspace, e.g. `eu-west-1`. */
      region: string;
      /** SigV4 service name. Default `aps`. */
      service?: string;
      /** Role to assume (through STS) for the queries. */
      roleArn?: string;
      /**
       * The role's external id.
       * @visibility secret
       */
      externalId?: string;
    }
  | {
      type: 'google';
      /** Service-account key file; without it and `credentials`, Application Default Credentials. */
      credentialsFile?: string;
      /**
       * Service-account key JSON.
       * @visibility secret
       */
      credentials?: string;
    }
  | {
      type: 'azure';
      /** With `clientId` and `clientSecret`: the app registration's tenant. */
      tenantId?: string;
      /** App registration, or user-assigned managed identity for DefaultAzureCredential. */
      clientId?: string;
      /**
       * App registration secret; without it, DefaultAzureCredential (workload / managed identity).
       * @visibility secret
       */
      clientSecret?: string;
      /** Microsoft Entra authority host for sovereign clouds. */
      authorityHost?: string;
      /** Trust `authorityHost` without Entra's instance discovery (Azure Stack, private authorities). */
      disableInstanceDiscovery?: boolean;
      /** Token scope. Default `https://prometheus.monitor.azure.com/.default`. */
      scope?: string;
    };
