// The Prometheus text exposition format (version 0.0.4), which kubelets and API servers serve their
// metrics in: a `# HELP` and `# TYPE` line per family, then one line per sample with its labels.
// Counters, gauges and histograms keep their values in memory; render() writes them all.
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
function escapeLabel(v) {
    return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
function formatValue(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (v === Infinity)
        return '+Inf';
    if (v === -Infinity)
        return '-Inf';
    return String(v);
}
/** One sample line: `name{a="x",b="y"} value [timestamp ms]`. */
export function sampleLine(name, labels, value, timestampMs) {
    const keys = Object.keys(labels);
    const l = keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(labels[k])}"`).join(',')}}` : '';
    return `${name}${l} ${formatValue(value)}${timestampMs === undefined ? '' : ` ${Math.round(timestampMs)}`}\n`;
}
/** The header of a family. */
export function familyHeader(name, help, type) {
    return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
}
/** Values kept per label set, in the order the label names were declared. */
class Vector {
    name;
    help;
    labelNames;
    #values = new Map();
    constructor(name, help, labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
    }
    entry(labels, init) {
        const key = this.labelNames.map((n) => labels[n] ?? '').join('\u0000');
        let e = this.#values.get(key);
        if (!e) {
            const ordered = {};
            for (const n of this.labelNames)
                ordered[n] = labels[n] ?? '';
            this.#values.set(key, (e = { labels: ordered, value: init() }));
        }
        return e.value;
    }
    entries() {
        return this.#values.values();
    }
}
export class Counter extends Vector {
    inc(labels = {}, by = 1) {
        this.entry(labels, () => ({ n: 0 })).n += by;
    }
    render() {
        let out = familyHeader(this.name, this.help, 'counter');
        for (const { labels, value } of this.entries())
            out += sampleLine(this.name, labels, value.n);
        return out;
    }
}
/** A gauge read when rendered, from a function that lists its samples. */
export class Gauge {
    name;
    help;
    read;
    constructor(name, help, read) {
        this.name = name;
        this.help = help;
        this.read = read;
    }
    render() {
        let out = familyHeader(this.name, this.help, 'gauge');
        for (const { labels, value } of this.read())
            out += sampleLine(this.name, labels, value);
        return out;
    }
}
export class Histogram extends Vector {
    buckets;
    constructor(name, help, labelNames, buckets) {
        super(name, help, labelNames);
        this.buckets = buckets;
    }
    observe(labels, value) {
        const b = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
        for (let i = 0; i < this.buckets.length; i++)
            if (value <= this.buckets[i])
                b.counts[i]++;
        b.sum += value;
        b.count++;
    }
    render() {
        let out = familyHeader(this.name, this.help, 'histogram');
        for (const { labels, value } of this.entries()) {
            this.buckets.forEach((le, i) => (out += sampleLine(`${this.name}_bucket`, { ...labels, le: String(le) }, value.counts[i])));
            out += sampleLine(`${this.name}_bucket`, { ...labels, le: '+Inf' }, value.count);
            out += sampleLine(`${this.name}_sum`, labels, value.sum);
            out += sampleLine(`${this.name}_count`, labels, value.count);
        }
        return out;
    }
}
/** The families one endpoint serves, rendered in registration order. */
export class MetricsRegistry {
    #families = [];
    register(f) {
        this.#families.push(f);
        return f;
    }
    render() {
        return this.#families.map((f) => f.render()).join('');
    }
}
//# sourceMappingURL=prometheus.js.map