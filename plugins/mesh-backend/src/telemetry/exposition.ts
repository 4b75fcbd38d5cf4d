/*
 * Prometheus text exposition (format 0.0.4, as Envoy and ztunnel serve it, OpenMetrics' `# EOF`
 * tolerated): writing the demo's series for a real Prometheus to scrape, and reading real scrapes
 * (../shared/fixtures/prometheus-scrapes) in tests.
 */

export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  samples: ExpositionSample[];
}

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function formatExposition(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(
      `# HELP ${f.name} ${escapeHelp(f.help)}`,
      `# TYPE ${f.name} ${f.type}`,
    );
    for (const s of f.samples) {
      const labels = Object.entries(s.labels).map(
        ([k, v]) => `${k}="${escapeLabel(v)}"`,
      );
      lines.push(
        `${s.name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatValue(
          s.value,
        )}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Parses samples (comments, HELP/TYPE/UNIT lines and `# EOF` are skipped). Throws on malformed lines. */
export function parseExposition(text: string): ExpositionSample[] {
  const samples: ExpositionSample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) throw new Error(`line ${index + 1}: no metric name`);
    let pos = nameMatch[0].length;
    const labels: Record<string, string> = {};
    if (line[pos] === '{') {
      pos++;
      while (line[pos] !== '}') {
        const key = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"/.exec(
          line.slice(pos),
        );
        if (!key)
          throw new Error(`line ${index + 1}: bad label at column ${pos + 1}`);
        pos += key[0].length;
        let value = '';
        while (line[pos] !== '"') {
          if (pos >= line.length)
            throw new Error(`line ${index + 1}: unterminated label value`);
          if (line[pos] === '\\') {
            const next = line[++pos];
            value += next === 'n' ? '\n' : next;
          } else value += line[pos];
          pos++;
        }
        labels[key[1]] = value;
        pos++;
        const sep = /^\s*,?\s*/.exec(line.slice(pos))!;
        pos += sep[0].length;
      }
      pos++;
    }
    const [valueText] = line.slice(pos).trim().split(/\s+/);
    const value =
      valueText === '+Inf'
        ? Infinity
        : valueText === '-Inf'
        ? -Infinity
        : Number(valueText);
    if (
      valueText === undefined ||
      (Number.isNaN(value) && valueText !== 'NaN')
    ) {
      throw new Error(`line ${index + 1}: bad value '${valueText}'`);
    }
    samples.push({ name: nameMatch[0], labels, value });
  });
  return samples;
}
