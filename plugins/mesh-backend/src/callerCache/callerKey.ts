/*
 * Who a cached catalog read or permission decision belongs to. Everything a caller may see is
 * decided from its credentials, so every entry of ./CallerMemo is keyed by them: the principal
 * (a user with the service acting for it, or a service with its access restrictions) and a digest
 * of the token it presented. Two callers never share an entry, and a re-issued token of the same
 * user (new ownership claims) never reads what an older token was answered.
 */
import { createHash } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';

export function callerKey(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<any>;
  // Backstage keeps the presented token on the credentials (not enumerable); when there is one,
  // its digest pins the entry to that token. Never the token itself: keys may show in heap dumps.
  const token = (credentials as { token?: unknown }).token;
  const digest =
    typeof token === 'string' && token
      ? createHash('sha256').update(token).digest('base64url')
      : `expires:${credentials.expiresAt?.getTime() ?? '-'}`;
  return `${JSON.stringify(principal)}\u0000${digest}`;
}
