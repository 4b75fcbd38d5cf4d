/*
 * Starts ./kubeApiServerProcess in its own process: the Kubernetes API test double serving
 * ./syntheticCluster over HTTPS, so benchmarks measure only their own process (the test double is
 * no Kubernetes API server; none can run here). Used by bench:inventory and bench:scale.
 */
import { spawn } from 'child_process';
import readline from 'readline';
import { SyntheticClusterSize } from './syntheticCluster';

export interface SyntheticKubeApi {
  url: string;
  caData: string;
  pods: number;
  objects: number;
  stop(): void;
}

export async function startSyntheticKubeApi(
  size: SyntheticClusterSize,
  /** The bearer token it accepts. */
  token: string,
): Promise<SyntheticKubeApi> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'bench/kubeApiServerProcess.ts',
      String(size.namespaces),
      String(size.deploymentsPerNamespace),
      String(size.replicas),
    ],
    {
      cwd: `${__dirname}/..`,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        BENCH_TOKEN: token,
        NODE_OPTIONS: '--max-old-space-size=4096',
      },
    },
  );
  const line: string = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', code =>
      reject(new Error(`API server process exited (${code})`)),
    );
  });
  return { ...JSON.parse(line), stop: () => child.kill() };
}
