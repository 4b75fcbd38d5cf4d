// @ts-check
/*
 * The install snippets of the plugin READMEs, read and applied the way an adopter follows them.
 * A README marks each snippet with `<!-- adopter-snippet: NAME -->` right before its fenced block,
 * so the test applies exactly what the documentation says and the docs cannot drift.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/** Every marked snippet of a README: name → code of the fenced block that follows the marker. */
export function readSnippets(/** @type {string} */ readmePath) {
  const text = readFileSync(readmePath, 'utf8');
  /** @type {Map<string, string>} */
  const snippets = new Map();
  const marker =
    /<!-- adopter-snippet: ([\w-]+) -->\s*\n\s*```[\w-]*\n([\s\S]*?)\n```/g;
  for (const [, name, code] of text.matchAll(marker)) snippets.set(name, code);
  return snippets;
}

/** The snippet named `name`, or an error naming the README it should be in. */
export function snippet(
  /** @type {Map<string, string>} */ snippets,
  /** @type {string} */ name,
  /** @type {string} */ where,
) {
  const code = snippets.get(name);
  if (!code) throw new Error(`${where} has no adopter-snippet '${name}'`);
  return code;
}

/**
 * `yarn --cwd packages/x add @scope/pkg` lines: which package of the app gets which dependency.
 * The test installs the packed tarball instead of the registry version, with npm.
 */
export function parseAddCommands(/** @type {string} */ code) {
  return [...code.matchAll(/yarn --cwd (\S+) add ((?:@[\w-]+\/)?[\w-]+)/g)].map(
    ([, packageDir, name]) => ({ packageDir, name }),
  );
}

/** Adds the backend snippet's `backend.add(…)` lines before `backend.start()`. */
export function applyBackendSnippet(
  /** @type {string} */ indexTs,
  /** @type {string} */ code,
) {
  const lines = code
    .split('\n')
    .filter(line => line.trim().startsWith('backend.add('));
  if (lines.length === 0)
    throw new Error('the backend snippet has no backend.add line');
  if (!indexTs.includes('backend.start();'))
    throw new Error('packages/backend/src/index.ts has no backend.start()');
  return indexTs.replace(
    'backend.start();',
    `${lines.join('\n')}\n\nbackend.start();`,
  );
}

/**
 * Applies the explicit-features snippet to App.tsx: its imports go to the top, the entries of its
 * `features: [...]` (comments aside) are appended to the app's own features.
 */
export function applyAppFeaturesSnippet(
  /** @type {string} */ appTsx,
  /** @type {string} */ code,
) {
  const imports = code.split('\n').filter(line => line.startsWith('import '));
  const list = code.match(/features:\s*\[([\s\S]*?)\]/);
  if (imports.length === 0 || !list)
    throw new Error('the app-features snippet has no import or features list');
  const entries = list[1]
    .split('\n')
    .map(line => line.trim().replace(/,$/, ''))
    .filter(line => line && !line.startsWith('//'));
  const features = appTsx.match(/features:\s*\[([\s\S]*?)\]/);
  if (!features) throw new Error('App.tsx has no features list');
  const existing = features[1].trim().replace(/,$/, '');
  const merged = [existing, ...entries].filter(Boolean).join(', ');
  return `${imports.join('\n')}\n${appTsx.replace(
    features[0],
    `features: [${merged}]`,
  )}`;
}

/** Names a snippet imports from `module` (`import { A, B } from 'module'`). */
export function importedNames(
  /** @type {string} */ code,
  /** @type {string} */ module,
) {
  const names = [];
  const pattern = new RegExp(
    `import\\s*\\{([^}]*)\\}\\s*from\\s*'${module.replace(/[/.]/g, '\\$&')}'`,
    'g',
  );
  for (const [, list] of code.matchAll(pattern))
    names.push(
      ...list
        .split(',')
        .map(name => name.trim())
        .filter(Boolean),
    );
  return names;
}

/**
 * A YAML config snippet with the adopter's own values put in: `edit` receives the parsed
 * snippet and changes the example hosts and paths to the test's.
 */
export function configFromSnippet(
  /** @type {string} */ code,
  /** @type {(config: any) => void} */ edit,
) {
  const config = parse(code);
  edit(config);
  return stringify(config);
}

/** Names a declaration file (`dist/index.d.ts`) exports. */
export function exportedNames(/** @type {string} */ dts) {
  const names = new Set();
  for (const [, list] of dts.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of list.split(',')) {
      const name = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  for (const [, name] of dts.matchAll(
    /export\s+declare\s+(?:const|function|class|type|interface|enum)\s+(\w+)/g,
  ))
    names.add(name);
  return names;
}

/**
 * The Dockerfile lines of the sizing snippet an adopter's backend process takes: its `ENV`
 * settings and the flags its `CMD` gives node before the backend (the `RUN` line installs the
 * library; the test machine has Debian's package). The library's path names the CPU: on arm64
 * the README points at aarch64's.
 */
export function sizingFromSnippet(/** @type {string} */ code) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [, name, value] of code.matchAll(/^ENV (\w+)=(\S+)$/gm))
    env[name] =
      process.arch === 'arm64'
        ? value.replace('x86_64-linux-gnu', 'aarch64-linux-gnu')
        : value;
  const cmd = /^CMD (\[.*\])$/m.exec(code);
  if (!cmd) throw new Error('the sizing snippet has no CMD line');
  /** @type {string[]} */
  const [node, ...args] = JSON.parse(cmd[1]);
  if (node !== 'node') throw new Error('the sizing snippet does not run node');
  const nodeFlags = args.slice(
    0,
    args.findIndex(a => !a.startsWith('--')),
  );
  if (Object.keys(env).length === 0 || nodeFlags.length === 0)
    throw new Error('the sizing snippet sets no ENV or no node flag');
  return { env, nodeFlags };
}
