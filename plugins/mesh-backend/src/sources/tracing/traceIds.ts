/*
 * Trace and span ids as every layer sees them: lowercase hex, 16 or 32 characters. Backends differ
 * (Tempo drops leading zeros, OTLP JSON from Tempo is base64, Zipkin mixes 64- and 128-bit ids), so
 * normalisers pass every id through here, and the route accepts nothing else.
 */

/** A trace id the API accepts: 16 or 32 hex characters. */
export const TRACE_ID_PATTERN = /^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/;

/** Lowercase, left-padded to 16 or 32 characters; ids that are not hex are kept as they are. */
export function normaliseHexId(id: string): string {
  if (!/^[0-9a-fA-F]{1,32}$/.test(id)) return id;
  const lower = id.toLowerCase();
  return lower.padStart(lower.length <= 16 ? 16 : 32, '0');
}

/** An OTLP id: hex as the OTLP JSON spec says, or base64 as Tempo's protobuf JSON renders bytes. */
export function otlpId(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  if (/^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(text))
    return text.toLowerCase();
  return normaliseHexId(Buffer.from(text, 'base64').toString('hex'));
}
