/*
 * How a bench backend's node process runs — V8 flags and glibc's allocator settings, as a
 * deployment sets them (bench:scale runs its backends with the large-mesh settings of
 * plugins/mesh-backend/README.md, "Sizing a replica") — and what the benchmark reports of them.
 */

/** How a bench backend's node process runs: flags before its script, extra environment. */
export interface BackendDeployment {
  nodeFlags?: string[];
  env?: Record<string, string>;
}

/** The flags and allocator environment a backend runs with (./benchBackend `deployment`). */
export function backendProcessSettings(deployment?: BackendDeployment) {
  const fromBench = process.env.BENCH_BACKEND_NODE_FLAGS;
  const nodeFlags =
    fromBench !== undefined
      ? fromBench.split(/\s+/).filter(Boolean)
      : deployment?.nodeFlags ?? [];
  const env: Record<string, string> = { ...deployment?.env };
  for (const [name, value] of Object.entries(process.env))
    if (name.startsWith('MALLOC_') && value !== undefined) env[name] = value;
  return { nodeFlags, env };
}
