#!/usr/bin/env node
/*
 * One-off transcription of the Prometheus series mocked in Kiali's graph API tests
 * (kiali/kiali graph/api/api_test.go) into JSON data for src/graph/__kiali__ of the backend.
 * Only data is carried over: each mocked PromQL string and the vector samples it answers
 * (labels and value), grouped by the Go function that registers them, plus each test's request
 * URL and expected-file name. Usage:
 *   git -C <kiali mirror> show <commit>:graph/api/api_test.go > /tmp/api_test.go
 *   node scripts/transcribe-kiali-graph-mocks.mjs /tmp/api_test.go <commit>
 */
import fs from 'fs';
import path from 'path';

const [, , source, commit] = process.argv;
if (!source || !commit) {
  console.error(
    'usage: transcribe-kiali-graph-mocks.mjs <api_test.go> <kiali commit>',
  );
  process.exit(2);
}
const OUT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../plugins/mesh-backend/src/graph/__kiali__',
);
const text = fs.readFileSync(source, 'utf8');

/** Top-level Go functions: name → body text. */
const functions = new Map();
for (const m of text.matchAll(/^func (\w+)\([^\n]*\{\n([\s\S]*?)^\}$/gm))
  functions.set(m[1], m[2]);

function parseMocks(body) {
  const queries = new Map();
  for (const m of body.matchAll(/^\s*(q\d+) := `([^`]*)`/gm))
    queries.set(m[1], m[2]);
  const metrics = new Map();
  for (const m of body.matchAll(
    /^\s*(q\d+m\d+) := model\.Metric\{[^\n]*\n([\s\S]*?)^\s*\}$/gm,
  )) {
    const labels = {};
    for (const l of m[2].matchAll(/^\s*"([A-Za-z_]+)":\s+"([^"]*)",?/gm))
      labels[l[1]] = l[2];
    metrics.set(m[1], labels);
  }
  const vectors = new Map();
  for (const m of body.matchAll(
    /^\s*(v\d+) := model\.Vector\{(\}|\n([\s\S]*?)^\s*\}$)/gm,
  )) {
    const samples = [];
    for (const s of (m[3] ?? '').matchAll(
      /Metric:\s+(q\d+m\d+),\s*\n\s*Value:\s+([-0-9.e]+),/g,
    )) {
      if (!metrics.has(s[1])) throw new Error(`unknown metric ${s[1]}`);
      samples.push({ metric: metrics.get(s[1]), value: Number(s[2]) });
    }
    vectors.set(m[1], samples);
  }
  const mocks = [];
  for (const m of body.matchAll(/mockQuery\(\w+, (q\d+), &(v\d+)\)/g)) {
    if (!queries.has(m[1]) || !vectors.has(m[2]))
      throw new Error(`unresolved ${m[0]}`);
    mocks.push({ query: queries.get(m[1]), samples: vectors.get(m[2]) });
  }
  return mocks;
}

/** Which mock functions a test (transitively) calls. */
const MOCK_FUNCS = [
  'mockNamespaceGraph',
  'mockNamespaceRatesGraph',
  'ambientMockGraph',
];
const seriesSets = {};
function mocksOf(name) {
  const body = functions.get(name);
  const calls = MOCK_FUNCS.filter(
    f => f !== name && new RegExp(`\\b${f}\\(`).test(body),
  );
  return [...calls.flatMap(mocksOf), ...parseMocks(body)];
}
for (const f of MOCK_FUNCS) seriesSets[f] = mocksOf(f);

const cases = [];
for (const [name, body] of functions) {
  if (!name.startsWith('Test')) continue;
  const url = /url := ts\.URL \+ "([^"]+)"/.exec(body);
  const expected = /expectedFilename := "testdata\/([^"]+)\.expected"/.exec(
    body,
  );
  if (!url || !expected) continue;
  const shared = MOCK_FUNCS.filter(f => new RegExp(`\\b${f}\\(`).test(body));
  const setName = shared.length ? shared[shared.length - 1] : name;
  if (!shared.length) seriesSets[name] = parseMocks(body);
  cases.push({
    kialiTest: name,
    request: url[1],
    expected: `${expected[1]}.json`,
    series: setName,
    ambientTrafficNone:
      /options\.Rates\.Ambient = graph\.AmbientTrafficNone/.test(body),
    queryScope: /setupMockedWithIstioComponentNamespaces\(t, "(\w+)"/.exec(
      body,
    )?.[1],
  });
}

fs.mkdirSync(path.join(OUT, 'series'), { recursive: true });
const used = new Set(cases.map(c => c.series));
for (const [set, mocks] of Object.entries(seriesSets).filter(([s]) =>
  used.has(s),
)) {
  fs.writeFileSync(
    path.join(OUT, 'series', `${set}.json`),
    `${JSON.stringify(
      {
        kialiCommit: commit,
        source: 'graph/api/api_test.go',
        function: set,
        mocks,
      },
      null,
      2,
    )}\n`,
  );
}
fs.writeFileSync(
  path.join(OUT, 'cases.json'),
  `${JSON.stringify(
    { kialiCommit: commit, source: 'graph/api/api_test.go', cases },
    null,
    2,
  )}\n`,
);
console.log(
  `${cases.length} tests, ${used.size} series sets, ${Object.entries(seriesSets)
    .filter(([s]) => used.has(s))
    .flatMap(([, m]) => m)
    .reduce((n, m) => n + m.samples.length, 0)} samples`,
);
