/*
 * Links to a trace in the tracing backend's own UI. The URL is the configured `uiUrl` plus the
 * validated trace id and nothing else from a request. `uiUrl` may hold a `{traceId}` placeholder
 * (needed for Grafana, which has no fixed trace path); otherwise the UI's standard trace path is
 * appended: Jaeger `/trace/<id>`, Zipkin `/traces/<id>` (below `…/zipkin`).
 */
import { TRACE_ID_PATTERN } from './traceIds';
import { TracingBackendType } from './TracingHttpClient';

export const TRACE_ID_PLACEHOLDER = '{traceId}';

const DEFAULT_PATHS: Record<TracingBackendType, string | undefined> = {
  jaeger: `/trace/${TRACE_ID_PLACEHOLDER}`,
  zipkin: `/traces/${TRACE_ID_PLACEHOLDER}`,
  tempo: undefined,
};

export class TraceWebLinks {
  private constructor(private readonly template: string) {}

  /** Throws a readable config error for a URL that is not http(s), carries credentials, or cannot hold an id. */
  static fromConfig(
    type: TracingBackendType,
    uiUrl: string,
    where: string,
  ): TraceWebLinks {
    let parsed: URL;
    try {
      parsed = new URL(uiUrl.split(TRACE_ID_PLACEHOLDER).join('TRACEID'));
    } catch {
      throw new Error(`${where} is not a valid URL`);
    }
    if (!['http:', 'https:'].includes(parsed.protocol))
      throw new Error(`${where} must be http or https`);
    if (parsed.username || parsed.password)
      throw new Error(`${where} must not contain credentials`);
    if (uiUrl.includes(TRACE_ID_PLACEHOLDER)) return new TraceWebLinks(uiUrl);
    const path = DEFAULT_PATHS[type];
    if (!path)
      throw new Error(
        `${where} must contain ${TRACE_ID_PLACEHOLDER}: ${type} has no standard trace page (e.g. a Grafana explore URL)`,
      );
    return new TraceWebLinks(`${uiUrl.replace(/\/$/, '')}${path}`);
  }

  traceUrl(traceId: string): string | undefined {
    if (!TRACE_ID_PATTERN.test(traceId)) return undefined;
    return this.template
      .split(TRACE_ID_PLACEHOLDER)
      .join(traceId.toLowerCase());
  }
}
