/* A LoggerService that keeps what it was told, so tests can check what reaches the logs. */
import { LoggerService } from '@backstage/backend-plugin-api';

export interface RecordingLogger extends LoggerService {
  lines: string[];
}

export function recordingLogger(lines: string[] = []): RecordingLogger {
  const record = (level: string) => (message: string, meta?: unknown) => {
    lines.push(`${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  };
  return {
    lines,
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    child: () => recordingLogger(lines),
  };
}

/** Polls until `check` returns a truthy value (waits on real background work, never on a fixed delay). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}
