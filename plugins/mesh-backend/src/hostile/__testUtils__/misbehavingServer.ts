/*
 * TEST DOUBLES of data sources that misbehave, as real loopback HTTP servers (or a closed port):
 * each answers every request the same wrong way, so whatever the client asks first fails.
 */
import { freePort } from '../../__testUtils__/prometheus';
import { startTestServer } from '../../__testUtils__/httpServer';

export const MISBEHAVIOURS = [
  'refused',
  'timeout',
  '401',
  '403',
  '500',
  'malformed',
  'truncated',
  'huge',
] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

/** Larger than the size guard the environment configures (HUGE_LIMIT_BYTES). */
export const HUGE_LIMIT_BYTES = 64 * 1024;
const HUGE_BYTES = 4 * 1024 * 1024;

export interface Misbehaving {
  url: string;
  close(): Promise<void>;
}

/** A JSON error body in the shape `style` speaks (a Kubernetes Status, or a generic API error). */
function errorBody(
  style: 'kubernetes' | 'api',
  code: number,
  message: string,
): string {
  return style === 'kubernetes'
    ? JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: message,
        code,
      })
    : JSON.stringify({
        status: 'error',
        errorType: 'server',
        error: message,
        message,
        errors: [{ code, msg: message }],
      });
}

export async function startMisbehaving(
  how: Misbehaviour,
  style: 'kubernetes' | 'api',
): Promise<Misbehaving> {
  const scheme = style === 'kubernetes' ? 'https' : 'http';
  if (how === 'refused')
    return {
      url: `${scheme}://127.0.0.1:${await freePort()}`,
      close: async () => undefined,
    };
  const server = await startTestServer(
    (_req, res) => {
      const json = { 'Content-Type': 'application/json' };
      if (how === 'timeout') return; // never answers; the client's timeout must fire
      if (how === '401' || how === '403' || how === '500') {
        const messages = {
          '401': 'Unauthorized',
          '403': 'Forbidden',
          '500': 'Internal Server Error',
        };
        res.writeHead(Number(how), json);
        res.end(errorBody(style, Number(how), messages[how]));
      } else if (how === 'malformed') {
        res.writeHead(200, json);
        res.end(
          '{"status":"success","data":{"resultType":"vector","result":[{"metric":',
        );
      } else if (how === 'truncated') {
        res.writeHead(200, { ...json, 'Content-Length': '4096' });
        res.write(
          '{"status":"success","data":{"resultType":"vector","result":[',
        );
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        // A valid document far beyond the size guard, streamed without a Content-Length.
        res.writeHead(200, json);
        const chunk = `${'{"metric":{"a":"b"},"value":[0,"1"]},'.repeat(1000)}`;
        res.write(
          '{"status":"success","data":{"resultType":"vector","result":[',
        );
        for (let sent = 0; sent < HUGE_BYTES; sent += chunk.length)
          res.write(chunk);
        res.end('{"metric":{},"value":[0,"1"]}]}}');
      }
    },
    { tls: style === 'kubernetes' },
  );
  return server;
}
