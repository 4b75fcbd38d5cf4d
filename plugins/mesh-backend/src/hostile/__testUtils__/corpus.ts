/*
 * Hostile and malformed requests to the mesh API, each with the 4xx it must get and the message
 * that must explain it. `raw` is the decoded hostile value where it is distinctive enough to look
 * for in what the data sources received (none of them may ever contain it).
 */
export interface CorpusCase {
  name: string;
  /** Path below /api/mesh, with its query string, URL-encoded as a client would send it. */
  path: string;
  status: 400 | 403 | 404;
  message: RegExp;
  raw?: string;
}

const e = encodeURIComponent;
const entity = (
  name: string,
  route = 'graph',
  query = '',
  kind = 'component',
  namespace = 'default',
) => `/entities/by-name/${kind}/${namespace}/${name}/${route}${query}`;
const LONG = 'a'.repeat(10_240);
const INJECT = '"} or vector(1) or up{job=~".*"}';
const BAD_NAME = /Invalid entity reference: name: name must be 1-63 characters/;
const BAD_NAMESPACE =
  /Invalid entity reference: namespace: namespace must be 1-63 characters/;
const BAD_KIND =
  /Invalid entity reference: kind: kind must be letters and digits/;
const BAD_WINDOW =
  /Invalid window '.*': use a number and one unit of s, m, h, d or w/;
const ONCE = (field: string) =>
  new RegExp(`${field} must be given once, as a single value`);
const UNKNOWN_KEY = /Invalid query: Unrecognized key\(s\) in object/;

const c = (
  name: string,
  path: string,
  status: CorpusCase['status'],
  message: RegExp,
  raw?: string,
): CorpusCase => ({ name, path, status, message, raw });

export const ENTITY_PATH_CASES: CorpusCase[] = [
  c('name with a quote and brace', entity(e('web"}')), 400, BAD_NAME, 'web"}'),
  c(
    'name that is a PromQL injection',
    entity(e(INJECT)),
    400,
    BAD_NAME,
    INJECT,
  ),
  c('name with braces', entity(e('{web}')), 400, BAD_NAME, '{web}'),
  c(
    'name with regex metacharacters',
    entity(e('web.*|api')),
    400,
    BAD_NAME,
    'web.*|api',
  ),
  c('name with |~', entity(e('web|~x')), 400, BAD_NAME, 'web|~x'),
  c('name with a backslash', entity(e('web\\')), 400, BAD_NAME, 'web\\'),
  c(
    'name with a TraceQL pipeline',
    entity(e('web } | select(.x)')),
    400,
    BAD_NAME,
    'web } | select(.x)',
  ),
  c('unicode name', entity(e('wéb')), 400, BAD_NAME, 'wéb'),
  c('emoji name', entity(e('💥web')), 400, BAD_NAME, '💥web'),
  c(
    'zero-width space in name',
    entity(e('web\u200b')),
    400,
    BAD_NAME,
    'web\u200b',
  ),
  c(
    'right-to-left override in name',
    entity(e('web\u202eipa')),
    400,
    BAD_NAME,
    'web\u202eipa',
  ),
  c('NUL byte in name', entity(e('web\u0000')), 400, BAD_NAME),
  c(
    'newline in name',
    entity(e('web\nx-injected: 1')),
    400,
    BAD_NAME,
    'x-injected: 1',
  ),
  c(
    'encoded path traversal in name',
    entity(e('../../overview')),
    400,
    BAD_NAME,
    '../../overview',
  ),
  c('dot-dot name', entity('..'), 400, BAD_NAME),
  c(
    'raw path traversal out of the entity',
    '/entities/by-name/component/default/../../../overview',
    404,
    /No such mesh API route/,
  ),
  c('10 kB name', entity(LONG), 400, BAD_NAME),
  c('64-character name', entity('a'.repeat(64)), 400, BAD_NAME),
  c(
    'name with a space and or',
    entity(e('web or 1=1')),
    400,
    BAD_NAME,
    'web or 1=1',
  ),
  c('name starting with a dash', entity('-web'), 400, BAD_NAME),
  c(
    'namespace with a quote',
    entity('web', 'graph', '', 'component', e('def"ault')),
    400,
    BAD_NAMESPACE,
    'def"ault',
  ),
  c(
    '10 kB namespace',
    entity('web', 'graph', '', 'component', LONG),
    400,
    BAD_NAMESPACE,
  ),
  c(
    'kind with a quote',
    entity('web', 'graph', '', e('comp"onent')),
    400,
    BAD_KIND,
    'comp"onent',
  ),
  c(
    'kind with a NUL byte',
    entity('web', 'graph', '', e('component\u0000')),
    400,
    BAD_KIND,
  ),
  c(
    'team view of a component',
    entity('web', 'team'),
    400,
    /The team view is for Group entities/,
  ),
];

export const QUERY_CASES: CorpusCase[] = [
  c(
    'window without unit',
    entity('web', 'graph', '?window=10'),
    400,
    BAD_WINDOW,
  ),
  c(
    'window that is not a duration',
    entity('web', 'graph', '?window=abc'),
    400,
    BAD_WINDOW,
  ),
  c('zero window', entity('web', 'graph', '?window=0m'), 400, BAD_WINDOW),
  c('negative window', entity('web', 'graph', '?window=-5m'), 400, BAD_WINDOW),
  c('window in years', entity('web', 'graph', '?window=1y'), 400, BAD_WINDOW),
  c(
    'window beyond the maximum',
    entity('web', 'graph', '?window=9999999d'),
    400,
    /is out of range/,
  ),
  c(
    'window below the minimum',
    entity('web', 'health', '?window=1s'),
    400,
    /is out of range/,
  ),
  c(
    'huge window number',
    entity('web', 'graph', '?window=99999999999999999999d'),
    400,
    BAD_WINDOW,
  ),
  c(
    'window with two units',
    entity('web', 'graph', '?window=5m5m'),
    400,
    BAD_WINDOW,
  ),
  c(
    'window as PromQL',
    entity('web', 'graph', `?window=${e(`5m]) or vector(1) #`)}`),
    400,
    BAD_WINDOW,
    '5m]) or vector(1) #',
  ),
  c('10 kB window', entity('web', 'graph', `?window=${LONG}`), 400, BAD_WINDOW),
  c(
    'window given twice',
    entity('web', 'graph', '?window=5m&window=10m'),
    400,
    ONCE('window'),
  ),
  c(
    'window as an array',
    entity('web', 'graph', '?window[]=5m'),
    400,
    ONCE('window'),
  ),
  c(
    'window as an object',
    entity('web', 'graph', '?window[a]=5m'),
    400,
    ONCE('window'),
  ),
  c('hops 0', entity('web', 'graph', '?hops=0'), 400, /hops must be 1, 2 or 3/),
  c('hops 4', entity('web', 'graph', '?hops=4'), 400, /hops must be 1, 2 or 3/),
  c(
    'negative hops',
    entity('web', 'graph', '?hops=-1'),
    400,
    /hops must be 1, 2 or 3/,
  ),
  c(
    'fractional hops',
    entity('web', 'graph', '?hops=1.5'),
    400,
    /hops must be 1, 2 or 3/,
  ),
  c(
    'hops as a word',
    entity('web', 'graph', '?hops=two'),
    400,
    /hops must be 1, 2 or 3/,
  ),
  c(
    'hops given twice',
    entity('web', 'graph', '?hops=2&hops=2'),
    400,
    ONCE('hops'),
  ),
  c(
    'unknown graph type',
    entity('web', 'graph', '?graphType=cytoscape'),
    400,
    /graphType must be one of workload, app, versionedApp, service/,
  ),
  c(
    'graph type in another case',
    entity('web', 'graph', '?graphType=Workload'),
    400,
    /graphType must be one of/,
  ),
  c(
    'graph type __proto__',
    entity('web', 'graph', '?graphType=__proto__'),
    400,
    /graphType must be one of/,
  ),
  c(
    'graph type given twice',
    entity('web', 'graph', '?graphType=workload&graphType=app'),
    400,
    ONCE('graphType'),
  ),
  c(
    'a PromQL query parameter',
    entity('web', 'graph', `?query=${e('up')}`),
    400,
    UNKNOWN_KEY,
  ),
  c(
    'a URL parameter',
    entity(
      'web',
      'graph',
      `?url=${e('http://169.254.169.254/latest/meta-data/')}`,
    ),
    400,
    UNKNOWN_KEY,
    '169.254.169.254',
  ),
  c(
    'a cluster URL parameter',
    entity(
      'web',
      'workloads',
      `?cluster=${e('https://evil.example.com:6443')}`,
    ),
    400,
    UNKNOWN_KEY,
    'evil.example.com',
  ),
  c(
    'a host parameter',
    entity('web', 'health', '?host=evil.example.com'),
    400,
    UNKNOWN_KEY,
    'evil.example.com',
  ),
  c(
    'prototype pollution',
    entity('web', 'graph', '?constructor[prototype][polluted]=1'),
    400,
    UNKNOWN_KEY,
  ),
  c(
    'query on a route without parameters',
    entity('web', 'config', '?window=5m'),
    400,
    UNKNOWN_KEY,
  ),
  c(
    'bad window on dependencies',
    entity('web', 'dependencies', '?window=7x'),
    400,
    BAD_WINDOW,
  ),
  c('bad window on the overview', '/overview?window=abc', 400, BAD_WINDOW),
  c(
    'bad window on the catalog posture',
    '/posture?window=-1h',
    400,
    BAD_WINDOW,
  ),
  c(
    'bad window on the catalog dependencies',
    '/dependencies?window=1x',
    400,
    BAD_WINDOW,
  ),
];

const series = (query: string) => entity('web', 'series', query);
const NODE =
  /Invalid node id '.*': expected <wl\|svc\|app\|vapp\|se>:<cluster>:<namespace>:<name> or unknown:<cluster>/;
export const SERIES_CASES: CorpusCase[] = [
  c(
    'node that is a PromQL injection',
    series(`?node=${e(INJECT)}`),
    400,
    NODE,
    INJECT,
  ),
  c(
    'node name with a quote',
    series(`?node=${e('wl:east:shop:web"')}`),
    400,
    NODE,
    'web"',
  ),
  c(
    'node name with regex metacharacters',
    series(`?node=${e('wl:east:shop:.*')}`),
    400,
    NODE,
  ),
  c(
    'node name with an alternative',
    series(`?node=${e('wl:east:shop:web|api')}`),
    400,
    NODE,
    'web|api',
  ),
  c(
    'node namespace with unicode',
    series(`?node=${e('wl:east:shöp:web')}`),
    400,
    NODE,
    'shöp',
  ),
  c(
    'node with a backslash',
    series(`?node=${e('wl:east:shop:web\\')}`),
    400,
    NODE,
    'web\\',
  ),
  c(
    '10 kB node id',
    series(`?node=${LONG}`),
    400,
    /node: String must contain at most 600 character/,
  ),
  c(
    'node and edge at once',
    series('?node=wl:east:shop:web&edge=x'),
    400,
    /give exactly one of node or edge/,
  ),
  c(
    'neither node nor edge',
    series(''),
    400,
    /give exactly one of node or edge/,
  ),
  c(
    'node given twice',
    series('?node=wl:east:shop:web&node=wl:east:shop:api'),
    400,
    ONCE('node'),
  ),
  c(
    'edge with an unknown protocol',
    series(`?edge=${e('wl:east:shop:web->wl:east:shop:api:smtp')}`),
    400,
    /Invalid edge id/,
  ),
  c(
    'edge between injections',
    series(`?edge=${e(`${INJECT}->x:http`)}`),
    400,
    NODE,
    INJECT,
  ),
  c(
    'opaque id of a restricted node',
    series('?node=restricted:0123456789abcdef0123'),
    403,
    /Restricted nodes belong to an entity you may not read/,
  ),
  c(
    'valid node outside the neighbourhood',
    series('?node=wl:east:shop:nowhere'),
    404,
    /is not part of component:default\/web's graph/,
    'nowhere',
  ),
];

const traces = (query: string) => entity('web', 'traces', query);
const LIMIT = /limit must be a whole number from 1 to 500/;
const TRACE_ID =
  /Invalid trace id: traceId: traceId must be 16 or 32 hexadecimal characters/;
export const TRACE_CASES: CorpusCase[] = [
  c('limit 0', traces('?limit=0'), 400, LIMIT),
  c('limit above the maximum', traces('?limit=501'), 400, LIMIT),
  c('negative limit', traces('?limit=-1'), 400, LIMIT),
  c('limit in exponent notation', traces('?limit=1e2'), 400, LIMIT),
  c('limit as a word', traces('?limit=abc'), 400, LIMIT),
  c('empty limit', traces('?limit='), 400, LIMIT),
  c('limit given twice', traces('?limit=5&limit=6'), 400, ONCE('limit')),
  c(
    'lookback below a minute',
    traces('?lookback=30s'),
    400,
    /lookback must be .* between 1m and 7d/,
  ),
  c(
    'lookback above a week',
    traces('?lookback=8d'),
    400,
    /lookback must be .* between 1m and 7d/,
  ),
  c(
    'minDuration without unit',
    traces('?minDuration=100'),
    400,
    /minDuration must be a number and one unit/,
  ),
  c(
    'minDuration in hours',
    traces('?minDuration=1h'),
    400,
    /minDuration must be a number and one unit/,
  ),
  c(
    'minDuration above an hour',
    traces('?minDuration=61m'),
    400,
    /minDuration must be at most 60m/,
  ),
  c(
    'errorsOnly not a boolean',
    traces('?errorsOnly=yes'),
    400,
    /errorsOnly must be true or false/,
  ),
  c(
    'errorsOnly given twice',
    traces('?errorsOnly=true&errorsOnly=false'),
    400,
    ONCE('errorsOnly'),
  ),
  c(
    'a TraceQL parameter',
    traces(`?q=${e('{ resource.service.name =~ ".*" }')}`),
    400,
    UNKNOWN_KEY,
    'resource.service.name =~',
  ),
  c(
    'a service parameter',
    traces(`?service=${e('payments.prod')}`),
    400,
    UNKNOWN_KEY,
    'payments.prod',
  ),
  c(
    'trace id that is not hex',
    entity('web', 'traces/xyz0123456789abc'),
    400,
    TRACE_ID,
  ),
  c(
    'trace id of 15 characters',
    entity('web', 'traces/0123456789abcde'),
    400,
    TRACE_ID,
  ),
  c(
    'trace id of 33 characters',
    entity('web', `traces/${'a'.repeat(33)}`),
    400,
    TRACE_ID,
  ),
  c('10 kB trace id', entity('web', `traces/${LONG}`), 400, TRACE_ID),
  c(
    'trace id with an injection',
    entity('web', `traces/${e('0123456789abcdef"} | select(.x)')}`),
    400,
    TRACE_ID,
    'select(.x)',
  ),
  c(
    'trace id with traversal',
    entity('web', `traces/${e('../../api/search')}`),
    400,
    TRACE_ID,
    '../../api/search',
  ),
  c(
    'query on the trace route',
    entity('web', 'traces/0123456789abcdef?limit=5'),
    400,
    UNKNOWN_KEY,
  ),
];

export const CORPUS: CorpusCase[] = [
  ...ENTITY_PATH_CASES,
  ...QUERY_CASES,
  ...SERIES_CASES,
  ...TRACE_CASES,
];
