/*
 * A throw-away Redis server (Debian's redis-server) on a free loopback port with its data in a
 * temp dir and persistence off: the cache Backstage replicas share (`backend.cache.store: redis`).
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
// The plugin's test harness is not part of its published entry points, so the demo backend's
// tests reach it by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { stopProcess } from '../../../../plugins/mesh-backend/src/__testUtils__/prometheus';
import { freePort } from '../../bench/benchBackend';

export const REDIS_BIN = '/usr/bin/redis-server';

export async function startRedis(): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_BIN,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    );
    child.stdout!.on('data', d => {
      output += d;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
