// @ts-check
/*
 * The layout worker of the PACKED frontend package, bundled the way an adopter's app bundles it
 * (Rspack, the bundler of backstage-cli, with its default handling of
 * `new Worker(new URL(…, import.meta.url))`), served with Backstage's own default security headers
 * (helmet with `readHelmetOptions()` from @backstage/backend-defaults, so the real default
 * Content-Security-Policy) and run in headless Chromium: a graph above the worker threshold must
 * be laid out IN a worker, with every node placed and no CSP violation.
 * Without Chromium this check is skipped with a message, except in CI (CI=true), where it fails.
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { chromiumAvailable, launchBrowser } from '../../e2e/lib/browser.mjs';
import { ROOT } from './packPlugins.mjs';

const NODES = 150; // well above WORKER_LAYOUT_MIN_NODES (60)

async function bundle(
  /** @type {string} */ unpacked,
  /** @type {string} */ sourceDir,
  /** @type {string} */ outDir,
) {
  const { rspack } = await import('@rspack/core');
  const entry = join(outDir, '..', 'adopter-entry.mjs');
  writeFileSync(
    entry,
    `import { runLayout } from ${JSON.stringify(
      join(unpacked, 'dist/lib/layoutRunner.esm.js'),
    )};
// A worker that failed to load or crashed makes the runner fall back to the main thread for good,
// so the second layout tells whether the first one really ran in the worker.
window.meshLayout = async input => {
  const first = runLayout(input);
  const placed = Object.keys((await first.result).nodes).length;
  const second = runLayout(input);
  await second.result;
  return { inWorker: first.inWorker && second.inWorker, placed };
};
`,
  );
  const compiler = rspack({
    mode: 'production',
    target: 'web',
    entry,
    output: { path: outDir, filename: 'main.js', publicPath: 'auto' },
    // The unpacked package's dependencies (dagre 3) resolve as in an adopter's install: the
    // package's own node_modules first (the workspace root hoists another dagre major).
    resolve: {
      modules: [join(sourceDir, 'node_modules'), join(ROOT, 'node_modules')],
    },
    devtool: false,
  });
  /** @type {import('@rspack/core').Stats} */
  const stats = await new Promise((resolve, reject) =>
    compiler.run((error, result) =>
      error || !result ? reject(error) : resolve(result),
    ),
  );
  await new Promise(resolve => compiler.close(resolve));
  if (stats.hasErrors())
    throw new Error(stats.toString({ all: false, errors: true }));
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><script src="main.js"></script>',
  );
}

/** Static files with the headers Backstage's root HTTP router sets on every response. */
async function serve(/** @type {string} */ dir) {
  const backendRequire = createRequire(
    join(ROOT, 'plugins/mesh-backend/package.json'),
  );
  const { readHelmetOptions } = backendRequire(
    '@backstage/backend-defaults/rootHttpRouter',
  );
  const helmet = createRequire(
    backendRequire.resolve('@backstage/backend-defaults'),
  )('helmet');
  const secure = helmet(readHelmetOptions());
  /** @type {string[]} */
  const requested = [];
  const server = createServer((req, res) =>
    secure(req, res, () => {
      const path = normalize(
        new URL(req.url ?? '/', 'http://x').pathname,
      ).replace(/^\/+/, '');
      requested.push(path);
      try {
        const body = readFileSync(join(dir, path || 'index.html'));
        const type = extname(path) === '.js' ? 'text/javascript' : 'text/html';
        res.writeHead(200, { 'content-type': type }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    }),
  );
  await new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(undefined)),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => server.close(),
  };
}

/** @returns {Promise<string | undefined>} a problem, or undefined when the worker ran */
export async function checkWorkerInAdopterBundle(
  /** @type {{ unpacked: string, sourceDir: string, work: string, log: (m: string) => void }} */ {
    unpacked,
    sourceDir,
    work,
    log,
  },
) {
  if (!chromiumAvailable()) {
    const message =
      'worker check: Chromium not found (Debian package chromium)';
    if (process.env.CI === 'true') return message;
    log(`${message}: skipped`);
    return undefined;
  }
  const outDir = join(work, 'adopter-bundle');
  mkdirSync(outDir, { recursive: true });
  await bundle(unpacked, sourceDir, outDir);
  const server = await serve(outDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    /** @type {string[]} */
    const violations = [];
    page.on(
      'console',
      m =>
        /Content Security Policy/i.test(m.text()) && violations.push(m.text()),
    );
    const workers = [];
    page.on('worker', w => workers.push(w.url()));
    await page.goto(server.url);
    const nodes = Array.from({ length: NODES }, (_, i) => ({ id: `n${i}` }));
    const edges = nodes
      .slice(1)
      .map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
    const result = await page.evaluate(
      input => /** @type {any} */ (window).meshLayout(input),
      { nodes, edges },
    );
    log(
      `worker check: ${result.placed}/${NODES} nodes placed, inWorker=${result.inWorker}, ` +
        `worker scripts ${JSON.stringify(
          workers.map(u => new URL(u).pathname),
        )}, CSP: ${server.requested.length} requests, ${
          violations.length
        } violations`,
    );
    if (violations.length) return `CSP violations: ${violations.join('; ')}`;
    if (!result.inWorker || workers.length !== 1)
      return 'the layout did not run in a worker';
    if (result.placed !== NODES)
      return `the worker placed ${result.placed} of ${NODES} nodes`;
    return undefined;
  } finally {
    await browser.close();
    server.close();
  }
}
