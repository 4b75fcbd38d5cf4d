/*
 * The over-HTTP half of bench:decode (./decodeBench): the same answer read by the plugin's
 * PrometheusClient as the mesh model reads it (queryList, decoded on the worker thread as it
 * arrives) from a server in another process that answers as Prometheus does — gzip when the
 * request accepts it (fetch asks for it by default), the bytes as they are otherwise
 * (`Accept-Encoding: identity`), each read two ways: through the event loop, which hands the
 * bytes on to the worker as they arrive (a query's first read, ../src/sources/prometheus/
 * vectorDecoder), and sent by the worker itself (its reads once an answer was large,
 * fetchVectorJob). Figures per read: wall time, the event loop's busy time (what requests wait
 * behind) and the CPU time of the whole process (event loop, worker and libuv's pool, which
 * inflates gzip). The server compresses once, ahead of the reads: what a store spends compressing
 * each answer is not in these figures.
 */
import { fork } from 'child_process';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { PrometheusClient } from '../src/sources/prometheus/PrometheusClient';

export type Encoding = 'gzip' | 'identity';
/** Who reads the answer: the event loop (handing it to the worker) or the worker itself. */
export type Reader = 'eventLoop' | 'worker';

/** Serves `answer` to every query, compressed when the request accepts gzip; answers its port. */
export function serveAnswer(answer: Buffer): Promise<number> {
  const gzipped = gzipSync(answer);
  const server = createServer((req, res) => {
    req.resume();
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
    const body = gzip ? gzipped : answer;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(body);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    ),
  );
}

/** Reads the answer `rounds` times with `encoding`; the figures of the median read by wall time. */
export async function readOverHttp(
  port: number,
  encoding: Encoding,
  reader: Reader,
  rounds = 3,
) {
  const newClient = () =>
    new PrometheusClient({
      url: `http://127.0.0.1:${port}`,
      timeoutMs: 600_000,
      ...(encoding === 'identity'
        ? { headers: { 'Accept-Encoding': 'identity' } }
        : {}),
    });
  // A client's first read of a query goes through the event loop, its next ones (the answer was
  // large) are the worker's.
  const primed = newClient();
  if (reader === 'worker')
    await primed.queryList('bench', new Date(), 'histogramQuantiles');
  const reads = [];
  for (let round = 0; round < rounds; round++) {
    const client = reader === 'worker' ? primed : newClient();
    const loop = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const { samples } = await client.queryList(
      'bench',
      new Date(),
      'histogramQuantiles',
    );
    const { user, system } = process.cpuUsage(cpu);
    reads.push({
      quantiles: samples.length,
      ms: Math.round(performance.now() - start),
      eventLoopBusyMs: Math.round(
        performance.eventLoopUtilization(loop).active,
      ),
      processCpuMs: Math.round((user + system) / 1000),
    });
  }
  reads.sort((a, b) => a.ms - b.ms);
  return { encoding, reader, rounds, ...reads[Math.floor(rounds / 2)] };
}

/** Runs `script` forked with `args`; answers the first message it sends that has `key`. */
export function forkedAnswer<T>(
  script: string,
  args: string[],
  key: string,
): Promise<{ answer: T; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      execArgv: [...process.execArgv, '--expose-gc'],
    });
    // The TypeScript loader posts its own messages (files to watch) on the same channel.
    child.on(
      'message',
      (m: any) =>
        m?.[key] !== undefined &&
        resolve({ answer: m, stop: () => child.kill() }),
    );
    child.once('exit', code =>
      code ? reject(new Error(`${args.join(' ')}: exit ${code}`)) : undefined,
    );
  });
}
