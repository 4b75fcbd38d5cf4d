/*
 * How the Prometheus client (./PrometheusClient) asks and what it accepts as an answer: a query's
 * request as it is sent (length guard, Prometheus' own timeout, credentials, the guard of its
 * answer), and an answer checked into its data or a typed PrometheusError whose message never
 * shows a credential. Reads on the event loop and on the worker thread (./fetchVectorJob, whose
 * answers come back as status and text) share it.
 */
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import {
  BodyGuard,
  parseJsonBody,
  scrubSecrets,
  secretsOf,
} from '../http/httpJson';
import { StoreAuthError } from '../http/storeAuth/storeAuth';
import type { PrometheusClientOptions } from './PrometheusClient';
import {
  credentialParts,
  jsonOrEmpty,
  PrometheusError,
} from './prometheusAnswers';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Instant answers decoded as they arrive are never held whole (./vectorDecoder). */
export const DEFAULT_MAX_STREAMED_RESPONSE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAX_QUERY_LENGTH = 16 * 1024;

/** A query as it goes out: where, what (credentials included), and the guard of its answer. */
export interface PreparedQuery {
  url: string;
  init: { method: string; headers: Record<string, string>; body: string };
  guard: BodyGuard;
  /** The managed service's headers for this request (to tell it of a refusal). */
  auth: Record<string, string>;
}

/** An answer as received: its status and the text of its body. */
export interface SentQuery {
  response: { status: number; ok: boolean; body: { toString(): string } };
  guard: BodyGuard;
  auth: Record<string, string>;
}

export class PrometheusRequests {
  constructor(
    private readonly options: PrometheusClientOptions,
    /** Headers of every request (static credentials, custom headers, content type). */
    private readonly headers: Record<string, string>,
    private readonly apiBase: string,
    private readonly displayUrl: string,
  ) {}

  /** A query's request as it is sent (its credentials included) and the guard of its answer. */
  async prepared(
    api: 'query' | 'query_range',
    promql: string,
    params: Record<string, string>,
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
    const init = {
      method: 'POST',
      headers: { ...this.headers, ...auth },
      body: body.toString(),
    };
    return { url: url.toString(), init, guard, auth } satisfies PreparedQuery;
  }

  /** The answer's `data` and warnings; any other answer as a typed PrometheusError. */
  checked({ response: raw, guard, auth }: SentQuery) {
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
