/*
 * The HTTP side shared by the Jaeger, Tempo and Zipkin sources: GET a JSON document below the
 * configured base URL with query parameters built by the caller from validated values only.
 * Failures become TraceBackendError with a MeshSourceError type; messages carry the backend's
 * scheme, host and port and at most a short, secret-scrubbed excerpt of its error body.
 */
import {
  MeshSourceError,
  MeshSourceErrorType,
} from '@mesh-portal/plugin-mesh-common';
import {
  authHeaders,
  BodyGuard,
  displayUrlOf,
  endpointOf,
  fetchText,
  HttpSourceOptions,
  parseJsonBody,
  scrubSecrets,
  secretsOf,
} from '../http/httpJson';
import { storeDispatcher } from '../http/storeTls';
import type { Dispatcher } from 'undici';
import { SourceResult } from '../types';

export type TracingBackendType = 'jaeger' | 'tempo' | 'zipkin';

/** Kiali's tracing query timeout. */
export const DEFAULT_TRACING_TIMEOUT_MS = 5_000;
export const DEFAULT_TRACING_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const PRODUCT: Record<TracingBackendType, string> = {
  jaeger: 'Jaeger',
  tempo: 'Tempo',
  zipkin: 'Zipkin',
};

/** What config adds to a trace source besides its HTTP connection. */
export interface TraceSourceSettings {
  /** Links into the backend's own UI (`uiUrl`). */
  webLinks?: { traceUrl(traceId: string): string | undefined };
  serviceNameAnnotation?: string;
}

export class TraceBackendError extends Error {
  constructor(
    readonly errorType: MeshSourceErrorType,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'TraceBackendError';
  }
}

/** Runs a source call; any failure becomes a per-source error beside the fallback value. */
export async function asSourceResult<T>(
  fallback: T,
  run: () => Promise<T>,
): Promise<SourceResult<T>> {
  try {
    return { value: await run(), errors: [] };
  } catch (error) {
    return { value: fallback, errors: [traceSourceError(error)] };
  }
}

/** Any failure of a trace source call as a per-source error (never thrown to the route). */
export function traceSourceError(error: unknown): MeshSourceError {
  const e =
    error instanceof TraceBackendError
      ? error
      : new TraceBackendError(
          'SYSTEM_ERROR',
          String((error as Error)?.message ?? error),
        );
  return {
    source: 'traces',
    errorType: e.errorType,
    ...(e.statusCode ? { statusCode: e.statusCode } : {}),
    message: e.message.slice(0, 500),
  };
}

export class TracingHttpClient {
  readonly displayUrl: string;
  readonly product: string;
  private readonly base: URL;
  private readonly headers: Record<string, string>;
  private readonly guard: BodyGuard;
  private readonly secrets: string[];
  /** The backend's TLS settings as an undici dispatcher (../http/storeTls). */
  private readonly dispatcher?: Dispatcher;

  constructor(type: TracingBackendType, options: HttpSourceOptions) {
    this.base = new URL(options.url);
    this.displayUrl = displayUrlOf(this.base);
    this.product = PRODUCT[type];
    this.headers = { ...authHeaders(options), Accept: 'application/json' };
    this.secrets = secretsOf(options);
    this.dispatcher = storeDispatcher(options.tls);
    this.guard = {
      timeoutMs: options.timeoutMs ?? DEFAULT_TRACING_TIMEOUT_MS,
      maxResponseBytes:
        options.maxResponseBytes ?? DEFAULT_TRACING_MAX_RESPONSE_BYTES,
      displayUrl: this.displayUrl,
      product: this.product,
      tls: options.tls,
      makeError: (errorType, message, statusCode) =>
        new TraceBackendError(errorType, message, statusCode),
    };
  }

  /**
   * GET `path` (below the base URL's own path) with `params`. With `notFound: 'undefined'` a 404
   * means "no such trace" and yields undefined instead of an error.
   */
  async getJson(
    path: string,
    params?: URLSearchParams,
    notFound: 'error' | 'undefined' = 'error',
  ): Promise<any> {
    const url = endpointOf(this.base, path);
    if (params) url.search = params.toString();
    const response = await fetchText(
      url.toString(),
      { method: 'GET', headers: this.headers, dispatcher: this.dispatcher },
      this.guard,
    );
    if (response.status === 404 && notFound === 'undefined') return undefined;
    if (!response.ok) {
      let type: MeshSourceErrorType = 'BAD_RESPONSE';
      if (response.status === 401) type = 'UNAUTHORIZED';
      else if (response.status === 403) type = 'FORBIDDEN';
      else if (response.status === 404) type = 'NOT_FOUND';
      else if (response.status === 408 || response.status === 504)
        type = 'TIMEOUT';
      // Scrub before shortening: a cut through a token would leave part of it unmatched.
      const detail = this.scrub(errorDetail(response.text)).slice(0, 300);
      throw new TraceBackendError(
        type,
        `${this.product} at ${this.displayUrl} answered ${response.status}${
          detail ? `: ${detail}` : ''
        }`,
        response.status,
      );
    }
    return parseJsonBody(response, this.guard);
  }

  /** Error bodies are shown to users; a backend that echoes a header must not leak our credentials. */
  private scrub(text: string): string {
    return scrubSecrets(text, this.secrets);
  }
}

/** The message of a Jaeger (`errors[].msg`) or Zipkin/Tempo (`message` or plain text) error body. */
function errorDetail(text: string): string {
  let message = text;
  try {
    const json = JSON.parse(text);
    message = json?.errors?.[0]?.msg ?? json?.message ?? json?.error ?? '';
  } catch {
    // plain text (Tempo) or an HTML error page
  }
  return /^\s*</.test(String(message))
    ? ''
    : String(message).replace(/\s+/g, ' ').trim();
}
