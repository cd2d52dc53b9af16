// The kubelet's `/metrics/resource`: the Summary's CPU and memory as Prometheus text, with the metric
// names and labels upstream's resource metrics endpoint uses (what metrics-server scrapes), each sample
// stamped with the time it was read.
import { familyHeader, sampleLine } from '../../util/prometheus.js';
const seconds = (ns) => ns / 1e9;
const ms = (time) => Date.parse(time);
export function resourceMetricsText(s) {
    const containers = s.pods.flatMap((p) => p.containers.map((c) => ({ labels: { container: c.name, namespace: p.podRef.namespace, pod: p.podRef.name }, c })));
    const pods = s.pods.map((p) => ({ labels: { namespace: p.podRef.namespace, pod: p.podRef.name }, p }));
    let out = '';
    out += familyHeader('container_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the container in core-seconds', 'counter');
    for (const { labels, c } of containers)
        out += sampleLine('container_cpu_usage_seconds_total', labels, seconds(c.cpu.usageCoreNanoSeconds), ms(c.cpu.time));
    out += familyHeader('container_memory_working_set_bytes', '[STABLE] Current working set of the container in bytes', 'gauge');
    for (const { labels, c } of containers)
        out += sampleLine('container_memory_working_set_bytes', labels, c.memory.workingSetBytes, ms(c.memory.time));
    out += familyHeader('container_start_time_seconds', '[STABLE] Start time of the container since unix epoch in seconds', 'gauge');
    for (const { labels, c } of containers)
        out += sampleLine('container_start_time_seconds', labels, ms(c.startTime) / 1000, ms(c.cpu.time));
    out += familyHeader('node_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the node in core-seconds', 'counter');
    out += sampleLine('node_cpu_usage_seconds_total', {}, seconds(s.node.cpu.usageCoreNanoSeconds), ms(s.node.cpu.time));
    out += familyHeader('node_memory_working_set_bytes', '[STABLE] Current working set of the node in bytes', 'gauge');
    out += sampleLine('node_memory_working_set_bytes', {}, s.node.memory.workingSetBytes, ms(s.node.memory.time));
    out += familyHeader('pod_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the pod in core-seconds', 'counter');
    for (const { labels, p } of pods)
        out += sampleLine('pod_cpu_usage_seconds_total', labels, seconds(p.cpu.usageCoreNanoSeconds), ms(p.cpu.time));
    out += familyHeader('pod_memory_working_set_bytes', '[STABLE] Current working set of the pod in bytes', 'gauge');
    for (const { labels, p } of pods)
        out += sampleLine('pod_memory_working_set_bytes', labels, p.memory.workingSetBytes, ms(p.memory.time));
    out += familyHeader('resource_scrape_error', '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise', 'gauge');
    out += sampleLine('resource_scrape_error', {}, 0);
    return out;
}
//# sourceMappingURL=resource-metrics.js.map