/*
 * A small client for the Prometheus HTTP API (`/api/v1/query`), which Thanos and Mimir serve too.
 * The base URL comes from config only. Each call has a timeout and a response-size guard
 * (../http/httpJson, shared with the tracing clients);
 * failures become PrometheusError with a MeshSourceError type, and messages never contain
 * credentials (they travel in headers, never in URLs we print).
 */
import { createHash } from 'crypto';
import {
  authHeaders,
  displayUrlOf,
  endpointOf,
  fetchBytes,
  HttpSourceOptions,
} from '../http/httpJson';
import { storeDispatcher, tlsIdentity } from '../http/storeTls';
import { StoreAuthorizer } from '../http/storeAuth/storeAuth';
import type { Dispatcher } from 'undici';
import { PackedSampleList } from '../sampleList';
import { workerThread } from '../workerThread';
import { FetchedVector } from './fetchVectorJob';
import { LargeAnswers } from './largeAnswers';
import {
  OFF_THREAD_BYTES,
  streamedLimit,
  VectorBody,
  VectorReduce,
} from './vectorDecoder';
import {
  PrometheusError,
  QueryListResult,
  QueryResult,
  RangeResult,
  rangeSeriesOf,
} from './prometheusAnswers';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_STREAMED_RESPONSE_BYTES,
  PrometheusRequests,
  SentQuery,
} from './prometheusRequests';

export {
  DEFAULT_MAX_QUERY_LENGTH,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_STREAMED_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './prometheusRequests';
export {
  PrometheusError,
  type QueryListResult,
  type QueryResult,
  type RangeResult,
  type RangeSeries,
} from './prometheusAnswers';

export interface PrometheusClientOptions extends HttpSourceOptions {
  /** Base URL, e.g. `http://prometheus.istio-system:9090` or a Thanos/Mimir query front end. */
  url: string;
  /** Longest query accepted, in characters (a guard against runaway query building). */
  maxQueryLength?: number;
  /** A managed service's credentials: SigV4 or cloud access tokens (../http/storeAuth). */
  auth?: StoreAuthorizer;
  /** Answers this large or larger are decoded on a worker thread (./vectorDecoder). */
  offThreadBytes?: number;
  /**
   * Largest instant-query answer decoded as it arrives on the worker thread, in bytes (never held
   * whole; `maxResponseBytes` bounds every answer held here). Default 1 GiB.
   */
  maxStreamedResponseBytes?: number;
}

const seconds = (d: Date) => (d.getTime() / 1000).toFixed(3);

export class PrometheusClient {
  private readonly headers: Record<string, string>;
  /** Where errors say the failure happened: the URL without any userinfo, path or query. */
  readonly displayUrl: string;
  /**
   * What identifies the store completely, for cache keys: the whole URL (path prefixes select
   * different stores on one host), every header sent (a tenant header such as Mimir's
   * `X-Scope-OrgID`, credentials) and the managed service principal (`auth.identity`), hashed so
   * no credential is kept in clear.
   */
  readonly cacheIdentity: string;
  /** The store's TLS settings as an undici dispatcher (../http/storeTls). */
  private readonly dispatcher?: Dispatcher;
  /** The queries whose answers were large: the worker thread sends them (./fetchVectorJob). */
  private readonly largeAnswers = new LargeAnswers();
  private readonly requests: PrometheusRequests;

  constructor(private readonly options: PrometheusClientOptions) {
    const base = new URL(options.url);
    this.displayUrl = displayUrlOf(base);
    this.headers = {
      ...authHeaders(options),
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    const headers = Object.entries(this.headers)
      .map(([name, value]) => [name.toLowerCase(), value])
      .sort(([a], [b]) => a.localeCompare(b));
    this.dispatcher = storeDispatcher(options.tls);
    this.cacheIdentity = createHash('sha256')
      .update(
        JSON.stringify([
          base.toString(),
          headers,
          tlsIdentity(options.tls),
          options.auth?.identity ?? '',
        ]),
      )
      .digest('hex');
    this.requests = new PrometheusRequests(
      options,
      this.headers,
      endpointOf(base, '/api/v1/').toString(),
      this.displayUrl,
    );
  }

  /**
   * Instant query at `time`; `reduce` histogramQuantiles: the quantiles of the bucket rates it
   * returns (./PrometheusTelemetrySource). A large answer is decoded off the event loop
   * (./vectorDecoder).
   */
  async query(
    promql: string,
    time: Date,
    reduce: VectorReduce = 'samples',
  ): Promise<QueryResult> {
    return this.instant(promql, time, reduce, body => body.decoded());
  }

  /**
   * {@link query} with the samples as a list (../sampleList): as the worker packed them, each
   * made only when read — for the mesh model, which keeps them (./PrometheusTelemetrySource).
   */
  async queryList(
    promql: string,
    time: Date,
    reduce: VectorReduce = 'samples',
  ): Promise<QueryListResult> {
    // Without a worker, the request is not prepared (signed, for a managed store) twice.
    if (workerThread.usable && this.largeAnswers.has(promql)) {
      const read = await this.readOnWorker(promql, time, reduce);
      if (read) return read;
    }
    return this.instant(promql, time, reduce, async body => {
      const decoded = await body.decodedList();
      this.largeAnswers.answered(promql, body.moved);
      return decoded;
    });
  }

  /**
   * {@link queryList} sent and read by the worker thread, for a query whose last answer was large
   * (./fetchVectorJob: its bytes never reach the event loop); undefined when no worker runs.
   */
  private async readOnWorker(
    promql: string,
    time: Date,
    reduce: VectorReduce,
  ): Promise<QueryListResult | undefined> {
    const request = await this.requests.prepared('query', promql, {
      time: seconds(time),
    });
    const { makeError, ...guard } = request.guard;
    const limits = this.vectorLimits();
    const fetched: FetchedVector | undefined = await workerThread.run({
      kind: 'fetchVector',
      url: request.url,
      init: request.init,
      guard,
      reduce,
      maxVectorBytes: streamedLimit(limits),
      keptBytes: limits.offThreadBytes,
    });
    if (!fetched) return undefined;
    if ('failure' in fetched) {
      const { type, message, status } = fetched.failure;
      throw makeError(type, message, status);
    }
    if ('packed' in fetched) {
      this.largeAnswers.answered(promql, fetched.large);
      const { packed, warnings } = fetched;
      return { samples: new PackedSampleList(packed), warnings };
    }
    const { text, status, ok } = fetched;
    const body = { toString: () => text ?? '' };
    return this.notAVector(
      {
        response: { status, ok, body },
        guard: request.guard,
        auth: request.auth,
      },
      text === undefined,
    );
  }

  private async instant<S>(
    promql: string,
    time: Date,
    reduce: VectorReduce,
    decode: (
      body: VectorBody,
    ) => Promise<
      | { ok: true; samples: S; warnings: string[] }
      | { ok: false; moved?: boolean }
    >,
  ): Promise<{ samples: S; warnings: string[] }> {
    const sent = await this.send(
      'query',
      promql,
      { time: seconds(time) },
      // A successful answer is decoded as it arrives (off the event loop when large).
      response => (response.ok ? this.vectorBody(reduce) : undefined),
    );
    const { body } = sent.response;
    if (!(body instanceof VectorBody)) return this.notAVector(sent, false);
    const decoded = await decode(body);
    if (decoded.ok)
      return { samples: decoded.samples, warnings: decoded.warnings };
    return this.notAVector(sent, !!decoded.moved);
  }

  /**
   * The error of an answer that is not a vector: the store's own (an error status, another result
   * type), or, when its bytes went to the decoder (`moved`), that it was no vector.
   */
  private notAVector(sent: SentQuery, moved: boolean): never {
    const { status } = sent.response;
    if (moved)
      throw new PrometheusError(
        'BAD_RESPONSE',
        `${this.displayUrl} answered ${status} with a body that is not a vector answer`,
        status,
      );
    const { data } = this.requests.checked(sent);
    throw new PrometheusError(
      'BAD_RESPONSE',
      `${this.displayUrl} returned ${
        data?.resultType ?? 'no'
      } result, expected a vector`,
    );
  }

  /** How large an instant answer may be: held here, decoded as it arrives, and where it starts going to the worker. */
  private vectorLimits() {
    const { offThreadBytes, maxResponseBytes, maxStreamedResponseBytes } =
      this.options;
    return {
      offThreadBytes: offThreadBytes ?? OFF_THREAD_BYTES,
      held: maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      streamed: maxStreamedResponseBytes ?? DEFAULT_MAX_STREAMED_RESPONSE_BYTES,
    };
  }

  private vectorBody(reduce: VectorReduce): VectorBody {
    return new VectorBody(reduce, this.vectorLimits());
  }

  /** Range query: one value per step from `start` to `end` (Prometheus aligns nothing; we pass aligned times). */
  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangeResult> {
    const { data, warnings } = this.requests.checked(
      await this.send('query_range', promql, {
        start: seconds(start),
        end: seconds(end),
        step: `${stepSeconds}s`,
      }),
    );
    if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) {
      throw new PrometheusError(
        'BAD_RESPONSE',
        `${this.displayUrl} returned ${
          data?.resultType ?? 'no'
        } result, expected a matrix`,
      );
    }
    return { series: rangeSeriesOf(data.result), warnings };
  }

  private async send(
    api: 'query' | 'query_range',
    promql: string,
    params: Record<string, string>,
    sinkFor?: Parameters<typeof fetchBytes>[3],
  ) {
    const { url, init, guard, auth } = await this.requests.prepared(
      api,
      promql,
      params,
    );
    const response = await fetchBytes(
      url,
      { ...init, dispatcher: this.dispatcher },
      guard,
      sinkFor,
    );
    return { response, guard, auth };
  }
}
