// The summary computation over the fake runtime with scripted figures and a manual clock: CPU rates
// measured between summaries, Pods as the sums of their containers, containers that stopped left out,
// the Prometheus text of /metrics/resource; and the API server's side (rates between two scrapes, a
// first request scraping twice, a Pod shown only when all its containers have figures). No root.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestInfo } from '../src/apiserver/metrics/request-metrics.js';
import { ResourceUsage } from '../src/apiserver/metrics/resource-usage.js';
import { resourceOfKey } from '../src/apiserver/metrics/store-metrics.js';
import { CONTAINER_NAME, podLabels } from '../src/kubelet/labels.js';
import { resourceMetricsText } from '../src/kubelet/stats/resource-metrics.js';
import { StatsProvider } from '../src/kubelet/stats/summary.js';
import { ManualClock } from '../src/runtime/fake/clock.js';
import { FakeRuntime } from '../src/runtime/fake/runtime.js';
import { RateTracker } from '../src/util/rate.js';
const MiB = 1024 * 1024;
function node(clock) {
    const runtime = new FakeRuntime({ clock });
    let hostCpu = 0;
    const stats = new StatsProvider({
        nodeName: 'n1',
        runtime,
        host: () => ({ timestamp: clock.now().getTime(), bootTime: 0, cpuUsageCoreNanoSeconds: (hostCpu += 2e9), memoryCapacityBytes: 8192 * MiB, memoryUsageBytes: 3000 * MiB, memoryWorkingSetBytes: 2000 * MiB, memoryAvailableBytes: 6192 * MiB }),
    });
    const sandbox = (name) => runtime.runPodSandbox({ podUid: `uid-${name}`, podName: name, namespace: 'ns', hostname: name, hostsFile: '', resolvConf: '', labels: podLabels({ metadata: { uid: `uid-${name}`, name, namespace: 'ns' } }) });
    const start = async (sb, pod, name, usage) => {
        const cfg = { name, imageRef: 'busybox', argv: ['sh'], env: [], mounts: [], logPath: '/dev/null', labels: { ...podLabels({ metadata: { uid: `uid-${pod}`, name: pod, namespace: 'ns' } }), [CONTAINER_NAME]: name } };
        const id = await runtime.createContainer(sb, cfg);
        await runtime.startContainer(id);
        runtime.setUsage(id, usage);
        return id;
    };
    return { runtime, stats, sandbox, start };
}
const podOf = (s, name) => s.pods.find((p) => p.podRef.name === name);
test('the summary gives each container its working set and its CPU rate since the previous summary, and each Pod their sums', async () => {
    const clock = new ManualClock();
    const n = node(clock);
    const sb = await n.sandbox('web');
    await n.start(sb, 'web', 'app', { cpuMillis: 250, memoryBytes: 30 * MiB });
    await n.start(sb, 'web', 'sidecar', { cpuMillis: 50, memoryBytes: 10 * MiB });
    const first = await n.stats.summary();
    const web1 = podOf(first, 'web');
    assert.deepEqual(web1.podRef, { name: 'web', namespace: 'ns', uid: 'uid-web' });
    assert.equal(web1.containers.find((c) => c.name === 'app').cpu.usageNanoCores, undefined, 'no rate from a single sample');
    assert.equal(web1.cpu.usageNanoCores, undefined);
    assert.equal(web1.memory.workingSetBytes, 40 * MiB);
    clock.advance(2_000);
    const second = await n.stats.summary();
    const web2 = podOf(second, 'web');
    const app = web2.containers.find((c) => c.name === 'app');
    assert.equal(app.cpu.usageNanoCores, 250_000_000);
    assert.equal(app.cpu.usageCoreNanoSeconds, 500_000_000, '250m for two seconds');
    assert.equal(app.memory.workingSetBytes, 30 * MiB);
    assert.equal(web2.cpu.usageNanoCores, 300_000_000);
    assert.equal(web2.cpu.usageCoreNanoSeconds, 600_000_000);
    assert.equal(second.node.nodeName, 'n1');
    assert.equal(second.node.cpu.usageNanoCores, 1_000_000_000, 'the host stub burns 2 s of CPU between reads 2 s apart');
    assert.equal(second.node.memory.workingSetBytes, 2000 * MiB);
    // Half a second later the rate is still measured against a sample at least a second old.
    clock.advance(500);
    const soon = podOf(await n.stats.summary(), 'web');
    assert.equal(soon.containers.find((c) => c.name === 'app').cpu.usageNanoCores, 250_000_000);
});
test('a rescripted rate shows in the next window; a stopped container and a removed Pod drop out', async () => {
    const clock = new ManualClock();
    const n = node(clock);
    const sb = await n.sandbox('job');
    const a = await n.start(sb, 'job', 'a', { cpuMillis: 100, memoryBytes: 5 * MiB });
    const b = await n.start(sb, 'job', 'b', { cpuMillis: 100, memoryBytes: 5 * MiB });
    await n.stats.summary();
    clock.advance(1_000);
    n.runtime.setUsage(a, { cpuMillis: 900 });
    clock.advance(1_000);
    const s = podOf(await n.stats.summary(), 'job');
    assert.equal(s.containers.find((c) => c.name === 'a').cpu.usageNanoCores, 500_000_000, '100m then 900m, a second each');
    await n.runtime.stopContainer(b, 0);
    const after = podOf(await n.stats.summary(), 'job');
    assert.deepEqual(after.containers.map((c) => c.name), ['a']);
    await n.runtime.removePodSandbox(sb);
    assert.equal(podOf(await n.stats.summary(), 'job'), undefined);
});
test('/metrics/resource writes the summary with upstream names, labels and sample times', async () => {
    const clock = new ManualClock();
    const n = node(clock);
    const sb = await n.sandbox('web');
    await n.start(sb, 'web', 'app', { cpuMillis: 500, memoryBytes: 3 * MiB });
    clock.advance(4_000);
    const text = resourceMetricsText(await n.stats.summary());
    const t = clock.now().getTime();
    assert.match(text, /^# TYPE container_cpu_usage_seconds_total counter$/m);
    assert.ok(text.includes(`\ncontainer_cpu_usage_seconds_total{container="app",namespace="ns",pod="web"} 2 ${t}\n`), text);
    assert.ok(text.includes(`\ncontainer_memory_working_set_bytes{container="app",namespace="ns",pod="web"} ${3 * MiB} ${t}\n`), text);
    assert.ok(text.includes(`\npod_cpu_usage_seconds_total{namespace="ns",pod="web"} 2 ${t}\n`), text);
    assert.ok(text.includes(`\nnode_memory_working_set_bytes ${2000 * MiB} ${t}\n`), text);
    assert.match(text, /^resource_scrape_error 0$/m);
});
test('a rate is measured against the newest sample at least the minimum window old, and restarts after a counter reset', () => {
    const r = new RateTracker({ minWindowMs: 1_000, maxWindowMs: 10_000 });
    assert.equal(r.observe('c', 0, 0), undefined);
    assert.equal(r.observe('c', 400, 100), undefined, 'too soon');
    assert.deepEqual(r.observe('c', 1_000, 1_000), { perSecond: 1_000, windowMs: 1_000 });
    assert.deepEqual(r.observe('c', 1_500, 3_000), { perSecond: (2_900 * 1000) / 1_100, windowMs: 1_100 }, 'against the sample at 400');
    assert.equal(r.observe('c', 2_000, 10), undefined, 'the counter went back: a restarted container');
    assert.deepEqual(r.observe('c', 3_000, 1_010), { perSecond: 1_000, windowMs: 1_000 });
    assert.equal(r.observe('c', 30_000, 5_000), undefined, 'nothing recent enough to measure against');
});
function nodeObj(name) {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name } };
}
function summaryAt(ms, cpuNs, pods) {
    const time = new Date(ms).toISOString();
    const cpu = { time, usageCoreNanoSeconds: cpuNs };
    const memory = { time, usageBytes: MiB, workingSetBytes: MiB };
    return {
        node: { nodeName: 'n1', startTime: time, cpu, memory },
        pods: pods.map((p) => ({
            podRef: { name: p.name, namespace: 'ns', uid: `uid-${p.name}` }, startTime: time, cpu, memory,
            containers: p.containers.map(([name, ns]) => ({ name, startTime: time, cpu: { time, usageCoreNanoSeconds: ns }, memory })),
        })),
    };
}
test('the API server rates CPU between its scrapes: a cold start scrapes twice, a new Pod shows from the next scrape, a Pod with an unmeasured container is left out', async () => {
    let scrapes = 0;
    const plan = [
        summaryAt(10_000, 0, [{ name: 'a', containers: [['c', 0]] }]),
        summaryAt(11_000, 2e9, [{ name: 'a', containers: [['c', 5e8]] }]),
        summaryAt(13_500, 7e9, [{ name: 'a', containers: [['c', 1.5e9]] }, { name: 'b', containers: [['x', 0]] }]),
        summaryAt(14_500, 9e9, [{ name: 'a', containers: [['c', 1.7e9]] }, { name: 'b', containers: [['x', 1e8], ['y', 0]] }]),
        summaryAt(16_500, 9e9, [{ name: 'b', containers: [['x', 3e8], ['y', 4e8]] }]),
    ];
    const slept = [];
    const usage = new ResourceUsage({
        nodes: async () => [nodeObj('n1')],
        scrape: async () => [{ node: 'n1', summary: plan[scrapes++] }],
        sleep: async (ms) => void slept.push(ms),
    });
    const first = await usage.snapshot();
    assert.deepEqual(slept, [1_000], 'nothing to measure against: a second scrape a second later');
    assert.deepEqual(first.pods.get('ns/a'), { uid: 'uid-a', timestamp: 11_000, windowMs: 1_000, containers: [{ name: 'c', usage: { cpu: 500_000_000, memory: MiB, timestamp: 11_000, windowMs: 1_000 } }] });
    assert.equal(first.nodes.get('n1').cpu, 2_000_000_000);
    const second = await usage.snapshot();
    assert.equal(scrapes, 3, 'warm: one scrape');
    assert.equal(second.pods.get('ns/a').containers[0].usage.cpu, 400_000_000);
    assert.equal(second.pods.get('ns/a').windowMs, 2_500);
    assert.equal(second.pods.has('ns/b'), false, 'b is new: nothing to measure it against yet');
    const third = await usage.snapshot();
    assert.equal(third.pods.get('ns/b'), undefined, 'its container y appeared in this scrape and has no rate yet');
    const fourth = await usage.snapshot();
    assert.deepEqual(fourth.pods.get('ns/b').containers.map((c) => [c.name, c.usage.cpu]), [['x', 100_000_000], ['y', 200_000_000]]);
    assert.deepEqual(slept, [1_000]);
});
test('requests are labelled with the verb, resource and scope upstream gives them; store keys with their resource', () => {
    const info = (m, u, ct) => requestInfo(m, new URL(u, 'https://x'), ct);
    assert.deepEqual(info('GET', '/api/v1/namespaces/default/pods'), { verb: 'LIST', group: '', version: 'v1', resource: 'pods', subresource: '', scope: 'namespace' });
    assert.equal(info('GET', '/api/v1/pods?watch=true').verb, 'WATCH');
    assert.equal(info('GET', '/api/v1/pods?watch=1').verb, 'WATCH');
    assert.equal(info('GET', '/api/v1/namespaces/default/pods/p').scope, 'resource');
    assert.equal(info('POST', '/api/v1/namespaces/default/pods/p/exec').verb, 'CONNECT');
    assert.equal(info('PATCH', '/apis/apps/v1/namespaces/d/deployments/x', 'application/apply-patch+yaml').verb, 'APPLY');
    assert.deepEqual(info('GET', '/api/v1/namespaces/default'), { verb: 'GET', group: '', version: 'v1', resource: 'namespaces', subresource: '', scope: 'resource' });
    assert.equal(info('PUT', '/api/v1/namespaces/x/finalize').subresource, 'finalize');
    assert.equal(info('GET', '/healthz').resource, '');
    assert.equal(resourceOfKey('/registry/pods/default/p'), 'pods');
    assert.equal(resourceOfKey('/registry/apps/deployments/default/d'), 'deployments.apps');
    assert.equal(resourceOfKey('/registry/leases/'), '');
    assert.equal(resourceOfKey('/registry/coordination.k8s.io/leases/kube-node-lease/n'), 'leases.coordination.k8s.io');
});
//# sourceMappingURL=kubelet-stats-fake.test.js.map