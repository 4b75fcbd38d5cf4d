/*
 * A small client for the Prometheus HTTP API (`/api/v1/query`), which Thanos and Mimir serve too.
 * The base URL comes from config only. Each call has a timeout and a response-size guard
 * (../http/httpJson, shared with the tracing clients);
 * failures become PrometheusError with a MeshSourceError type, and messages never contain
 * credentials (they travel in headers, never in URLs we print).
 */
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import { createHash } from 'crypto';
import {
  authHeaders,
  displayUrlOf,
  endpointOf,
  fetchBytes,
  HttpSourceOptions,
  parseJsonBody,
  scrubSecrets,
  secretsOf,
} from '../http/httpJson';
import { storeDispatcher, tlsIdentity } from '../http/storeTls';
import { StoreAuthError, StoreAuthorizer } from '../http/storeAuth/storeAuth';
import type { Dispatcher } from 'undici';
import { VectorBody, VectorReduce } from './vectorDecoder';
import {
  credentialParts,
  jsonOrEmpty,
  PrometheusError,
  QueryListResult,
  QueryResult,
  RangeResult,
  rangeSeriesOf,
} from './prometheusAnswers';

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

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Instant answers decoded as they arrive are never held whole (./vectorDecoder). */
export const DEFAULT_MAX_STREAMED_RESPONSE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAX_QUERY_LENGTH = 16 * 1024;

export class PrometheusClient {
  private readonly apiBase: string;
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
    this.apiBase = endpointOf(base, '/api/v1/').toString();
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
    return this.instant(promql, time, reduce, body => body.decodedList());
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
    const { body, status } = sent.response;
    if (body instanceof VectorBody) {
      const decoded = await decode(body);
      if (decoded.ok)
        return { samples: decoded.samples, warnings: decoded.warnings };
      // The bytes went to the decoder: no more detail than this.
      if (decoded.moved)
        throw new PrometheusError(
          'BAD_RESPONSE',
          `${this.displayUrl} answered ${status} with a body that is not a vector answer`,
          status,
        );
    }
    const { data } = this.checked(sent);
    throw new PrometheusError(
      'BAD_RESPONSE',
      `${this.displayUrl} returned ${
        data?.resultType ?? 'no'
      } result, expected a vector`,
    );
  }

  private vectorBody(reduce: VectorReduce): VectorBody {
    const { offThreadBytes, maxResponseBytes, maxStreamedResponseBytes } =
      this.options;
    return new VectorBody(reduce, {
      offThreadBytes,
      held: maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      streamed: maxStreamedResponseBytes ?? DEFAULT_MAX_STREAMED_RESPONSE_BYTES,
    });
  }

  /** Range query: one value per step from `start` to `end` (Prometheus aligns nothing; we pass aligned times). */
  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangeResult> {
    const { data, warnings } = this.checked(
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
    const maxLength = this.options.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
    if (promql.length > maxLength) {
      throw new PrometheusError(
        'SYSTEM_ERROR',
        `Query of ${promql.length} characters exceeds the ${maxLength}-character limit`,
      );
    }
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const body = new URLSearchParams({
      query: promql,
      ...params,
      timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
    });
    const guard = {
      timeoutMs,
      maxResponseBytes:
        this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      displayUrl: this.displayUrl,
      product: 'Prometheus',
      tls: this.options.tls,
      makeError: (
        type: MeshSourceErrorType,
        message: string,
        status?: number,
      ) => new PrometheusError(type, message, status),
    };
    const url = new URL(api, this.apiBase);
    const auth = await this.authHeaders(url, body.toString());
    const response = await fetchBytes(
      url.toString(),
      {
        method: 'POST',
        headers: { ...this.headers, ...auth },
        body: body.toString(),
        dispatcher: this.dispatcher,
      },
      guard,
      sinkFor,
    );
    return { response, guard, auth };
  }

  /** The answer's `data` and warnings; any other answer as a typed PrometheusError. */
  private checked({
    response: raw,
    guard,
    auth,
  }: Awaited<ReturnType<PrometheusClient['send']>>) {
    const response = { ...raw, text: raw.body.toString() };
    // A refusal is typed by its status even when a front door answers it with a non-JSON page.
    const json =
      response.status === 401 || response.status === 403
        ? jsonOrEmpty(response.text)
        : parseJsonBody(response, guard);
    if (!response.ok || json?.status !== 'success') {
      // Prometheus says why in `error`; AWS's front door in `message`, Google's in `error.message`.
      const said = [json?.error, json?.message, json?.error?.message];
      const message: string = said.find(m => typeof m === 'string') ?? '';
      let type: MeshSourceErrorType = 'BAD_RESPONSE';
      if (response.status === 401) type = 'UNAUTHORIZED';
      else if (response.status === 403) type = 'FORBIDDEN';
      // Prometheus answers 503 (or 422) with "query timed out" when its own query timeout hits.
      else if (/timeout|timed out/i.test(message)) type = 'TIMEOUT';
      const refused =
        this.options.auth && (type === 'UNAUTHORIZED' || type === 'FORBIDDEN');
      if (refused) this.options.auth?.refused?.(auth);
      // The server's message is shown to users: a Prometheus (or proxy) that echoes our headers
      // (or, for AWS, the string it expected us to sign) must not leak them.
      const secrets = [...this.secrets(), ...credentialParts(auth)];
      const detail = message
        ? `: ${scrubSecrets(message, secrets).slice(0, 300)}`
        : '';
      throw new PrometheusError(
        type,
        `${this.displayUrl} answered ${response.status}${
          refused ? ` to our ${this.options.auth!.description}` : ''
        }${detail}`,
        response.status,
      );
    }
    return {
      data: json.data,
      warnings: Array.isArray(json.warnings) ? json.warnings.map(String) : [],
    };
  }

  /** Every credential a message must not show: static ones and the managed service's. */
  private secrets(): string[] {
    return [
      ...secretsOf(this.options),
      ...(this.options.auth?.secrets() ?? []),
    ].filter(secret => secret.length >= 4);
  }

  /** The managed service's headers for this request; no credential to be had is UNAUTHORIZED. */
  private async authHeaders(
    url: URL,
    body: string,
  ): Promise<Record<string, string>> {
    const { auth } = this.options;
    if (!auth) return {};
    try {
      return await auth.headersFor({
        method: 'POST',
        url,
        headers: this.headers,
        body,
      });
    } catch (error) {
      const reason =
        error instanceof StoreAuthError ? error.message : String(error);
      throw new PrometheusError(
        'UNAUTHORIZED',
        `${this.displayUrl}: ${auth.description}: ${scrubSecrets(
          reason,
          this.secrets(),
        ).slice(0, 300)}`,
      );
    }
  }
}
