/*
 * Credentials of managed Prometheus services that the store itself cannot hold as a static header:
 * Amazon Managed Service for Prometheus (every request SigV4-signed), Google Managed Prometheus
 * and Azure Monitor workspaces (short-lived OAuth2 access tokens). A StoreAuthorizer adds the
 * headers one request needs; its `identity` (a hash, never a credential) goes into cache keys so
 * stores reached as different principals never share cached results.
 */
import { createHash } from 'crypto';

export type StoreAuthProvider = 'aws' | 'google' | 'azure';

export interface StoreRequest {
  method: string;
  url: URL;
  /** Headers sent besides the authorizer's own. */
  headers: Record<string, string>;
  /** The exact body sent (SigV4 signs its hash). */
  body?: string;
}

export interface StoreAuthorizer {
  readonly provider: StoreAuthProvider;
  /** What errors call the credential: e.g. `aws SigV4 (region eu-west-1, service aps)`. */
  readonly description: string;
  /** Hash of who we are to the store (configured principal), for cache keys. */
  readonly identity: string;
  /** Headers to add to `request`; throws StoreAuthError when no credential can be had. */
  headersFor(request: StoreRequest): Promise<Record<string, string>>;
  /** Configured secrets and the credentials in use, to scrub from messages (never stored elsewhere). */
  secrets(): string[];
  /** The store refused the request that carried `headers` (401/403): drop a cached token. */
  refused?(headers: Record<string, string>): void;
}

/** No credential could be obtained from the provider (not a refusal by the store). */
export class StoreAuthError extends Error {
  constructor(readonly provider: StoreAuthProvider, message: string) {
    super(message);
    this.name = 'StoreAuthError';
  }
}

export function identityHash(...parts: Array<string | undefined>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * A provider library's error as one line, without stack or request dumps. Not shortened: the
 * caller scrubs secrets first, then shortens (a cut could split a secret past recognition).
 */
export function reasonOf(error: unknown): string {
  const e = error as { message?: string };
  return (e?.message ?? String(error)).split('\n')[0];
}

export interface Expiring<T> {
  value: T;
  /** Milliseconds since the epoch; undefined: valid until refused. */
  expiresAt?: number;
}

/** How long before its expiry a credential is replaced, so none expires on its way to the store. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * One short-lived credential (access token, temporary AWS keys) at a time, reused until shortly
 * before it expires; concurrent requests share one fetch. One the store refused can be dropped
 * (`invalidate`) so the next request fetches anew.
 */
export class ExpiringCredential<T> {
  private current?: Expiring<T>;
  private pending?: Promise<Expiring<T>>;
  /** Credentials fetched from the provider (for tests and diagnostics). */
  fetched = 0;

  constructor(private readonly fetchCredential: () => Promise<Expiring<T>>) {}

  async get(): Promise<T> {
    const current = this.current;
    if (
      current &&
      (current.expiresAt === undefined ||
        current.expiresAt - REFRESH_MARGIN_MS > Date.now())
    )
      return current.value;
    this.pending ??= this.fetchCredential()
      .then(credential => {
        this.fetched++;
        this.current = credential;
        return credential;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return (await this.pending).value;
  }

  /** The credential in use, if any (for scrubbing). */
  values(): T[] {
    return this.current ? [this.current.value] : [];
  }

  invalidate(isRefused: (value: T) => boolean): void {
    if (this.current && isRefused(this.current.value)) this.current = undefined;
  }
}
