export interface Config {
  /**
   * Service-mesh view. Clusters come from the Kubernetes plugin's `kubernetes` config; with no
   * cluster configured the plugin serves its embedded demo mesh.
   */
  mesh?: {
    /**
     * Serve the embedded demo mesh (Bookinfo, Sock Shop, Online Boutique). Defaults to true when no
     * cluster is configured.
     */
    demo?: {
      enabled?: boolean;
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
    };
  };
}
