/*
 * What every HTTP data-source client needs (Prometheus, Jaeger, Tempo, Zipkin): credentials as
 * headers only, a URL safe to print, a timeout, and a size guard on the body. Failures become the
 * caller's typed error (`makeError`) so each client keeps its own error class; messages name the
 * backend by its scheme, host and port only, never by userinfo, path or query.
 */
import { BodyBlocks, BodySink } from './bodyBlocks';
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import type { Dispatcher } from 'undici';
import {
  diagnoseTls,
  StoreTlsOptions,
  tlsFailure,
  tlsSecrets,
} from './storeTls';

export interface HttpSourceOptions {
  /** Base URL; a path prefix (e.g. `/jaeger`) is kept. */
  url: string;
  timeoutMs?: number;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  headers?: Record<string, string>;
  /** Private CA, client certificate, or no verification (./storeTls). */
  tls?: StoreTlsOptions;
}

export type MakeSourceError = (
  type: MeshSourceErrorType,
  message: string,
  statusCode?: number,
) => Error;

export interface BodyGuard {
  timeoutMs: number;
  maxResponseBytes: number;
  /** What messages call the backend: `displayUrlOf(url)`. */
  displayUrl: string;
  /** Product name for "Cannot reach <product> at …". */
  product: string;
  makeError: MakeSourceError;
  /** The store's TLS settings, to tell why a TLS connection failed (./storeTls). */
  tls?: StoreTlsOptions;
}

export interface HttpTextResponse {
  status: number;
  ok: boolean;
  text: string;
}

/** Custom headers plus Authorization from a bearer token or basic auth (the token wins). */
export function authHeaders(
  options: Pick<HttpSourceOptions, 'bearerToken' | 'basicAuth' | 'headers'>,
): Record<string, string> {
  const auth: Record<string, string> = {};
  if (options.bearerToken) auth.Authorization = `Bearer ${options.bearerToken}`;
  else if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    auth.Authorization = `Basic ${Buffer.from(
      `${username}:${password}`,
    ).toString('base64')}`;
  }
  return { ...options.headers, ...auth };
}

/**
 * Everything credential-like a client sends: tokens, passwords, the base64 of basic auth (as good
 * as the password) and custom header values. Error bodies are shown to users, and a backend that
 * echoes a request header must not leak them (see scrubSecrets).
 */
export function secretsOf(
  options: Pick<
    HttpSourceOptions,
    'bearerToken' | 'basicAuth' | 'headers' | 'tls'
  >,
): string[] {
  const authorization = authHeaders(options).Authorization?.split(' ').pop();
  return [
    options.bearerToken,
    options.basicAuth?.password,
    authorization,
    ...Object.values(options.headers ?? {}),
    ...tlsSecrets(options.tls),
  ].filter((s): s is string => !!s && s.length >= 4);
}

export function scrubSecrets(text: string, secrets: string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join('***'), text);
}

/** Where errors say a failure happened: scheme, host and port only. */
export function displayUrlOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** `base` without userinfo, with `path` appended to its own path prefix. */
export function endpointOf(base: URL, path: string): URL {
  const clean = new URL(base.toString());
  clean.username = '';
  clean.password = '';
  clean.search = '';
  return new URL(`${clean.pathname.replace(/\/$/, '')}${path}`, clean);
}

/**
 * One request with a timeout covering headers and body, and a body size limit; `dispatcher`
 * carries the store's TLS settings (./storeTls).
 */
export async function fetchText(
  url: string,
  init: RequestInit & { dispatcher?: Dispatcher },
  guard: BodyGuard,
): Promise<HttpTextResponse> {
  const { status, ok, body } = await fetchBytes(url, init, guard);
  return { status, ok, text: body.toString() };
}

/**
 * {@link fetchText}, with the body as bytes (to be decoded elsewhere), or handed as it arrives to
 * the sink `sinkFor` gives for the response (../prometheus/vectorDecoder); the size limit holds
 * either way.
 */
export async function fetchBytes(
  url: string,
  init: RequestInit & { dispatcher?: Dispatcher },
  guard: BodyGuard,
  sinkFor?: (response: { ok: boolean; status: number }) => BodySink | undefined,
): Promise<{ status: number; ok: boolean; body: BodySink }> {
  let response: Response;
  const signal = AbortSignal.timeout(guard.timeoutMs);
  try {
    response = await fetch(url, { ...init, signal } as RequestInit);
  } catch (error) {
    throw await networkError(error, guard, url);
  }
  const body: BodySink = sinkFor?.(response) ?? new BodyBlocks();
  try {
    await readBody(response, guard, body);
  } catch (error) {
    body.abort?.();
    throw error;
  }
  return { status: response.status, ok: response.ok, body };
}

async function networkError(
  error: unknown,
  guard: BodyGuard,
  url: string,
): Promise<Error> {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return guard.makeError(
      'TIMEOUT',
      `${guard.displayUrl} did not answer within ${guard.timeoutMs} ms`,
    );
  }
  // fetch reports a refused client certificate as a closed socket (and, through a dispatcher
  // from the undici package, without a code): with TLS settings, ask the store once more.
  const tls =
    tlsFailure(e?.cause?.code, guard.tls) ??
    (guard.tls && url.startsWith('https:')
      ? await diagnoseTls(new URL(url), guard.tls, guard.timeoutMs)
      : undefined);
  if (tls)
    return guard.makeError(
      tls.errorType,
      `${guard.product} at ${guard.displayUrl}: ${tls.reason}`,
    );
  const code = e?.cause?.code ? ` (${e.cause.code})` : '';
  return guard.makeError(
    'UNREACHABLE',
    `Cannot reach ${guard.product} at ${guard.displayUrl}${code}`,
  );
}

/** Reads the body with a size limit; a truncated or oversized body is an error, not partial data. */
async function readBody(
  response: Response,
  guard: BodyGuard,
  body: BodySink,
): Promise<void> {
  const { displayUrl, makeError } = guard;
  // A sink that holds less than the body (decoded as it arrives) may accept more of it.
  const limitOf = () => body.maxBytes ?? guard.maxResponseBytes;
  let limit = limitOf();
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body?.cancel();
    throw makeError(
      'BAD_RESPONSE',
      `${displayUrl} response of ${declared} bytes exceeds the ${limit}-byte limit`,
    );
  }
  let size = 0;
  try {
    // Leaving the loop early cancels the stream (the iterator's return()), closing the connection.
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > (limit = limitOf())) break;
      // A sink that is behind pauses the read (and so the sender, through TCP).
      const ready = body.append(chunk);
      if (ready) await ready;
    }
  } catch (error) {
    const e = error as { name?: string };
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      throw makeError(
        'TIMEOUT',
        `${displayUrl} did not finish answering within ${guard.timeoutMs} ms`,
      );
    }
    throw makeError('BAD_RESPONSE', `${displayUrl} response was cut off`);
  }
  if (size > limit)
    throw makeError(
      'BAD_RESPONSE',
      `${displayUrl} response exceeds the ${limit}-byte limit`,
    );
}

/** The body as JSON; anything else (an HTML error page, a cut-off document) is BAD_RESPONSE. */
export function parseJsonBody(
  response: HttpTextResponse,
  guard: Pick<BodyGuard, 'displayUrl' | 'makeError'>,
): any {
  try {
    return JSON.parse(response.text);
  } catch {
    throw guard.makeError(
      'BAD_RESPONSE',
      `${guard.displayUrl} answered ${response.status} with a body that is not JSON`,
      response.status,
    );
  }
}
