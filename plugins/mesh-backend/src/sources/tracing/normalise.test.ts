/*
 * The normalisers against real Jaeger, OTLP (Tempo, Jaeger) and Zipkin documents from
 * ../shared/fixtures: one span shape out, whatever came in, with errors, parents, ids, tags and
 * clock skew handled the way the backends' own UIs handle them.
 */
import fs from 'fs';
import path from 'path';
import { MeshTrace } from '@mesh-portal/plugin-mesh-common';
import {
  describeWithFixtures,
  FIXTURES_DIR,
} from '../../__testUtils__/fixtures';
import {
  normaliseJaegerResponse,
  normaliseJaegerTrace,
} from './jaeger/normaliseJaeger';
import { normaliseOtlpTrace } from './tempo/normaliseOtlp';
import { normaliseZipkinTrace } from './zipkin/normaliseZipkin';
import { summarize } from './summarize';

const json = (relative: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, relative), 'utf8'));
const span = (trace: MeshTrace, id: string) =>
  trace.spans.find(s => s.spanId === id)!;

describeWithFixtures('Jaeger query API traces', () => {
  it('reads typed tags, process services, same-trace parents and span warnings (ui_01-trace)', () => {
    const trace = normaliseJaegerTrace(
      json('jaeger/query-api/ui_01-trace.json'),
    )!;
    expect(trace.traceId).toBe('0000000000000001');
    const tagged = trace.spans.find(
      s =>
        s.operationName === 'some-operation' && s.serviceName === 'service-x',
    )!;
    expect(tagged.tags).toMatchObject({
      error: true,
      'peer.ipv4': 23456,
      temperature: 72.5,
      javascript_limit: '9223372036854775222',
      blob: 'AAAwOQ==',
    });
    expect(tagged.isError).toBe(true);
    // CHILD_OF into another trace is ignored; the same-trace CHILD_OF wins.
    expect(span(trace, '0000000000000004')).toMatchObject({
      parentSpanId: '0000000000000002',
      serviceName: 'service-y',
    });
    expect(span(trace, '0000000000000004').warnings).toContain(
      'some span warning',
    );
    expect(trace.spans.filter(s => !s.isError)).toHaveLength(
      trace.spans.length - 1,
    );
  });

  it('splits the two spans that share an id into distinct spans (ui_01-trace has two 0000000000000002)', () => {
    const trace = normaliseJaegerTrace(
      json('jaeger/query-api/ui_01-trace.json'),
    )!;
    const ids = trace.spans.map(s => s.spanId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(trace.spans).toHaveLength(5);
  });

  it('builds a tree of 11 spans over two services, and pads a 31-character trace id', () => {
    const eleven = normaliseJaegerTrace(
      json('jaeger/query-api/ui-testTrace-11spans.json'),
    )!;
    // Its one error span has a bool tag whose value is the string "true": still an error.
    expect(summarize(eleven)).toMatchObject({
      spanCount: 11,
      services: ['service1', 'service2'],
      errorCount: 1,
    });
    expect(eleven.spans.filter(s => !s.parentSpanId)).toHaveLength(1);
    const petclinic = normaliseJaegerTrace(
      json('jaeger/query-api/petclinic-spansAmongEachOther.json'),
    )!;
    expect(petclinic.traceId).toMatch(/^0df84e36b9e2ee3815d07f0867a5be1f$/);
    expect(petclinic.spans.every(s => s.traceId === petclinic.traceId)).toBe(
      true,
    );
  });

  it('keeps the real PetClinic call chain: api-gateway → customers-service → JDBC', () => {
    const trace = normaliseJaegerTrace(
      json('jaeger/query-api/petclinic-testTraceNormal.json'),
    )!;
    const summary = summarize(trace);
    expect(summary).toMatchObject({
      rootServiceName: 'api-gateway',
      rootOperationName: 'GET /api/customer/owners/8/pets/10',
      spanCount: 5,
    });
    expect(span(trace, 'e821b549888cbc3b')).toMatchObject({
      parentSpanId: '22be69e72cbcde0b',
      serviceName: 'customers-service',
    });
  });

  it('drops the exact duplicate span of the otlp2jaeger envelope', () => {
    const [trace] = normaliseJaegerResponse(
      json('jaeger/query-api/otlp2jaeger-out.json'),
    );
    expect(trace.spans).toHaveLength(1);
    // Its parent is not in the trace: kept, and said so.
    expect(trace.spans[0].warnings).toEqual([
      'parent span 909541b92cf05311 is not in the trace',
    ]);
  });
});

describeWithFixtures('OTLP JSON traces', () => {
  it("reads Tempo's trace by id: base64 ids, Istio service names, proxy tags, span kinds", () => {
    const trace = normaliseOtlpTrace(
      json('kiali/tempo/tempo-trace-by-id-otlp.json'),
    )!;
    expect(trace.traceId).toBe(
      Buffer.from('O6VWCcPN5JZJzXfR+dzZNg==', 'base64').toString('hex'),
    );
    expect(summarize(trace)).toMatchObject({
      rootServiceName: 'istio-ingressgateway.istio-system',
      rootOperationName:
        'productpage.bookinfo.svc.cluster.local:9080/productpage',
      services: [
        'details.bookinfo',
        'istio-ingressgateway.istio-system',
        'productpage.bookinfo',
        'ratings.bookinfo',
        'reviews.bookinfo',
      ],
      errorCount: 0,
    });
    const reviews = trace.spans.find(
      s =>
        s.serviceName === 'reviews.bookinfo' &&
        s.tags['span.kind'] === 'server',
    )!;
    expect(reviews.tags.node_id).toMatch(/^sidecar~10\.244\.0\.23~reviews-v2-/);
    expect(reviews.durationMicros).toBe(2242);
    const parent = trace.spans.find(s => s.spanId === reviews.parentSpanId)!;
    expect(parent).toMatchObject({
      serviceName: 'productpage.bookinfo',
      operationName: 'reviews.bookinfo.svc.cluster.local:9080/*',
    });
    expect(trace.spans.every(s => !s.warnings)).toBe(true); // Envoy's clocks agree here: nothing to correct
  });

  it('reads plain OTLP with hex ids and numeric kinds, and marks an ERROR status as an error', () => {
    const body = json('jaeger/otlp/example_trace.json');
    const trace = normaliseOtlpTrace(body)!;
    expect(trace.traceId).toBe('00000000000000000000000000000011');
    expect(span(trace, '0000000000000006').tags['span.kind']).toBe('server');
    body.resourceSpans[0].scopeSpans[0].spans[0].status = {
      code: 'STATUS_CODE_ERROR',
      message: 'boom',
    };
    const failed = span(normaliseOtlpTrace(body)!, '0000000000000004');
    expect(failed).toMatchObject({
      isError: true,
      tags: { 'otel.status_code': 'ERROR', 'otel.status_description': 'boom' },
    });
  });
});

describeWithFixtures('Zipkin v2 traces', () => {
  it("reads Envoy's span: proxy tags, no local service name, SERVER kind", () => {
    const trace = normaliseZipkinTrace(json('zipkin/v2/envoy.json'))!;
    expect(trace.spans[0]).toMatchObject({
      serviceName: 'unknown',
      operationName: 'localhost:10000',
      isError: false,
      tags: {
        component: 'proxy',
        upstream_cluster: 'service_google',
        'span.kind': 'server',
        'http.status_code': '200',
      },
    });
  });

  it('treats a Zipkin error tag as an error whatever its value', () => {
    const spans = json('zipkin/v2/envoy.json');
    spans[0].tags.error = '503';
    expect(normaliseZipkinTrace(spans)!.spans[0].isError).toBe(true);
  });

  it('splits shared client/server span ids (yelp.json): the server half hangs under the client', () => {
    const trace = normaliseZipkinTrace(json('zipkin/v2/yelp.json'))!;
    const ids = trace.spans.map(s => s.spanId);
    expect(new Set(ids).size).toBe(ids.length);
    const client = trace.spans.find(s => s.spanId === '7a778764a0d0b594')!;
    const server = trace.spans.find(
      s => s.parentSpanId === '7a778764a0d0b594' && s.serviceName === 'spectre',
    )!;
    expect(client.tags['span.kind']).toBe('client');
    expect(server.tags['span.kind']).toBe('server');
    expect(server.warnings?.[0]).toMatch(/span id 7a778764a0d0b594 was shared/);
  });

  it('corrects the clock skew of skew.json: the child that started 65 ms before its parent is centred in it', () => {
    const trace = normaliseZipkinTrace(json('zipkin/v2/skew.json'))!;
    const client = trace.spans.find(
      s => s.serviceName === 'servicea' && s.tags['span.kind'] === 'client',
    )!;
    const server = trace.spans.find(
      s => s.serviceName === 'serviceb' && s.tags['span.kind'] === 'server',
    )!;
    const asyncChild = trace.spans.find(s => s.operationName === 'async')!;
    expect(server.parentSpanId).toBe(client.spanId);
    // Raw: server at …008761, 65 ms before the client at …074202. Centred: 481 µs after it.
    expect(server.startTimeMicros).toBe(1470150004074202 + 481);
    expect(server.warnings).toContainEqual(
      expect.stringMatching(/^clock skew: start shifted by \+65922 µs/),
    );
    // The async span runs on serviceb's clock: it moves with its parent.
    expect(asyncChild.parentSpanId).toBe(server.spanId);
    expect(asyncChild.startTimeMicros).toBe(1470150004008762 + 65922);
    for (const child of trace.spans.filter(s => s.parentSpanId)) {
      expect(child.startTimeMicros).toBeGreaterThanOrEqual(
        trace.spans.find(p => p.spanId === child.parentSpanId)!.startTimeMicros,
      );
    }
  });

  it('leaves asynchronous messaging spans that outlive their producer where they are (messaging.json)', () => {
    const trace = normaliseZipkinTrace(json('zipkin/v2/messaging.json'))!;
    expect(trace.spans.every(s => !s.warnings)).toBe(true);
    expect(span(trace, 'e457b5a2e4d86bd1')).toMatchObject({
      serviceName: 'backend',
      startTimeMicros: 1521186011929043,
      tags: { 'span.kind': 'consumer' },
    });
  });
});
