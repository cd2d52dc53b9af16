// The Prometheus text exposition format (version 0.0.4), which kubelets and API servers serve their
// metrics in: a `# HELP` and `# TYPE` line per family, then one line per sample with its labels.
// Counters, gauges and histograms keep their values in memory; render() writes them all.

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** One sample line: `name{a="x",b="y"} value [timestamp ms]`. */
export function sampleLine(name: string, labels: Labels, value: number, timestampMs?: number): string {
  const keys = Object.keys(labels);
  const l = keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',')}}` : '';
  return `${name}${l} ${formatValue(value)}${timestampMs === undefined ? '' : ` ${Math.round(timestampMs)}`}\n`;
}

/** The header of a family. */
export function familyHeader(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
}

interface Family { render(): string }

/** Values kept per label set, in the order the label names were declared. */
abstract class Vector<T> implements Family {
  readonly #values = new Map<string, { labels: Labels; value: T }>();

  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[]) {}

  protected entry(labels: Labels, init: () => T): T {
    const key = this.labelNames.map((n) => labels[n] ?? '').join('\u0000');
    let e = this.#values.get(key);
    if (!e) {
      const ordered: Labels = {};
      for (const n of this.labelNames) ordered[n] = labels[n] ?? '';
      this.#values.set(key, (e = { labels: ordered, value: init() }));
    }
    return e.value;
  }

  protected entries(): Iterable<{ labels: Labels; value: T }> {
    return this.#values.values();
  }

  abstract render(): string;
}

export class Counter extends Vector<{ n: number }> {
  inc(labels: Labels = {}, by = 1): void {
    this.entry(labels, () => ({ n: 0 })).n += by;
  }

  render(): string {
    let out = familyHeader(this.name, this.help, 'counter');
    for (const { labels, value } of this.entries()) out += sampleLine(this.name, labels, value.n);
    return out;
  }
}

/** A gauge read when rendered, from a function that lists its samples. */
export class Gauge implements Family {
  constructor(readonly name: string, readonly help: string, readonly read: () => { labels: Labels; value: number }[]) {}

  render(): string {
    let out = familyHeader(this.name, this.help, 'gauge');
    for (const { labels, value } of this.read()) out += sampleLine(this.name, labels, value);
    return out;
  }
}

interface Buckets { counts: number[]; sum: number; count: number }

export class Histogram extends Vector<Buckets> {
  constructor(name: string, help: string, labelNames: readonly string[], readonly buckets: readonly number[]) {
    super(name, help, labelNames);
  }

  observe(labels: Labels, value: number): void {
    const b = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) b.counts[i]!++;
    b.sum += value;
    b.count++;
  }

  render(): string {
    let out = familyHeader(this.name, this.help, 'histogram');
    for (const { labels, value } of this.entries()) {
      this.buckets.forEach((le, i) => (out += sampleLine(`${this.name}_bucket`, { ...labels, le: String(le) }, value.counts[i]!)));
      out += sampleLine(`${this.name}_bucket`, { ...labels, le: '+Inf' }, value.count);
      out += sampleLine(`${this.name}_sum`, labels, value.sum);
      out += sampleLine(`${this.name}_count`, labels, value.count);
    }
    return out;
  }
}

/** The families one endpoint serves, rendered in registration order. */
export class MetricsRegistry {
  readonly #families: Family[] = [];

  register<F extends Family>(f: F): F {
    this.#families.push(f);
    return f;
  }

  render(): string {
    return this.#families.map((f) => f.render()).join('');
  }
}
