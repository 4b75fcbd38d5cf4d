import Typography from '@material-ui/core/Typography';
import { DEFAULT_HEALTH_TOLERANCES } from '@mesh-portal/plugin-mesh-common';

/** Kiali's code patterns in words; unknown patterns are shown as they are. */
const CODE_WORDS: Record<string, string> = {
  '5XX': '5xx responses',
  '4XX': '4xx responses',
  '^[1-9]$|^1[0-6]$': 'gRPC statuses 1–16',
  '^-$': 'no response',
};

const describeCode = (code: string) => CODE_WORDS[code] ?? code;

/**
 * How a status is decided, so a colour is never a mystery: Kiali's default tolerances (the
 * backend may override them per namespace, kind or name), and replica readiness.
 */
export function HealthRulesNote() {
  return (
    <details>
      <summary>
        <Typography variant="body2" component="span">
          How health is decided
        </Typography>
      </summary>
      <Typography variant="body2" component="div">
        <p>
          The worst of request health and workload status wins. A workload with
          fewer available replicas than desired, or with proxies not synced, is
          degraded; one with no replica available fails; scaled to zero is
          &quot;not ready&quot;.
        </p>
        <p>
          Default error tolerances (share of the protocol&apos;s requests), as
          in Kiali:
        </p>
        <ul>
          {DEFAULT_HEALTH_TOLERANCES.map(t => (
            <li key={`${t.protocol}-${t.code}-${t.direction}`}>
              {t.protocol.toUpperCase()} {describeCode(t.code)}: degraded at{' '}
              {t.degraded === 0 ? 'any' : `≥ ${t.degraded}%`}, failure at ≥{' '}
              {t.failure}%
            </li>
          ))}
        </ul>
      </Typography>
    </details>
  );
}
