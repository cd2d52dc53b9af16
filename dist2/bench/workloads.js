// Workload controllers at scale, on a server (control plane only) and 100 hollow nodes of `berth sim`:
//  - deployment: a Deployment of 1,000 replicas created, timed until status.availableReplicas is 1,000,
//    with the moments all its Pods were created, bound, Running and Ready; the baseline, in the same
//    run and cluster, is 1,000 bare Pods created by one client in the ReplicaSet controller's own
//    bursts (slow start 1, 2, 4, … up to 500 at a time) and timed to the same Ready state, so the
//    ratio is what the ReplicaSet and Deployment controllers add.
//  - rollout: a Deployment of 100 replicas (maxSurge 25%, maxUnavailable 25%) given a new image, timed
//    until the rollout is complete (updated = available = 100, the old ReplicaSet at 0), with the fewest
//    Ready Pods seen meanwhile, which must never go below replicas - maxUnavailable.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { deployments, namespaces, pods, replicaSets } from '../src/client/resources.js';
import { inBatches } from '../src/controllers/podcontrol.js';
import { isReady } from '../src/controllers/podstate.js';
import { cpuOf, startSimCluster, waitFor, watchAll, writeCounts } from './simcluster.js';
import { table } from './stats.js';
const NODES = 100;
const TIMEOUT_MS = 600_000;
const spec = (image) => ({ containers: [{ name: 'c', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] });
/** Writes between two /metrics readings: all, and those the workload controllers make to their own kinds. */
function writesBetween(before, after) {
    let all = 0;
    let workloads = 0;
    const byResource = [];
    for (const [k, v] of after) {
        const d = v - (before.get(k) ?? 0);
        all += d;
        if (d > 0)
            byResource.push([k, d]);
        if (/^(replicasets|deployments)\b/.test(k))
            workloads += d;
    }
    return { all, workloads, byResource: byResource.sort((a, b) => b[1] - a[1]) };
}
/** CPU seconds the server and the sim have used so far. */
async function clusterCpu(c) {
    return [await cpuOf(c.server.process.pid), await cpuOf(c.sim.pid)];
}
const cpuRow = (a, b) => `${(b[0] - a[0]).toFixed(1)} | ${(b[1] - a[1]).toFixed(1)}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
/** When (ms after t0) the first Pod of a namespace was seen, and when its Pods first numbered n created, bound, Running and Ready. */
class PodPhases {
    n;
    #seen = { first: new Set(), created: new Set(), bound: new Set(), running: new Set(), ready: new Set() };
    reached = {};
    t0 = performance.now();
    constructor(n) {
        this.n = n;
    }
    see(p) {
        const name = p.metadata.name;
        const mark = (phase, yes) => {
            const set = this.#seen[phase];
            if (!yes || set.has(name))
                return;
            set.add(name);
            if (set.size === (phase === 'first' ? 1 : this.n))
                this.reached[phase] = performance.now() - this.t0;
        };
        mark('first', true);
        mark('created', true);
        mark('bound', !!p.spec.nodeName);
        mark('running', p.status?.phase === 'Running');
        mark('ready', isReady(p));
    }
}
async function ensureNamespace(client, name) {
    await client.create(namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
/** Runs start, watching ns's Pods, until n of them are Ready and done() holds; the phases in seconds. */
async function timePods(client, ns, n, start, done = () => true) {
    const ac = new AbortController();
    const phases = new PodPhases(n);
    const { cuts } = await watchAll(client, pods, ns, (p) => phases.see(p), ac.signal);
    phases.t0 = performance.now();
    try {
        await start();
        await waitFor(async () => phases.reached.ready !== undefined && done(), TIMEOUT_MS);
        return Object.fromEntries(Object.entries(phases.reached).map(([k, v]) => [k, v / 1000]));
    }
    finally {
        ac.abort();
        await cuts;
    }
}
/** n bare Pods from one client, in bursts of 500 with the ReplicaSet controller's slow start. */
async function createBare(client, ns, n) {
    for (let left = n; left > 0; left -= 500) {
        const results = await inBatches(Array.from({ length: Math.min(left, 500) }), async () => {
            await client.create(pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'bare-', labels: { app: 'bare' } }, spec: spec('busybox') });
        });
        const failed = results.find((r) => r.status === 'rejected');
        if (failed)
            throw failed.reason;
    }
}
/** Every Pod of ns deleted at once (no grace), waited for until gone. */
async function deleteAll(client, ns) {
    const names = (await client.list(pods, ns)).items.map((p) => p.metadata.name);
    await inBatches(names, async (name) => void (await client.delete(pods, ns, name, { gracePeriodSeconds: 0 })));
    await waitFor(async () => (await client.list(pods, ns, { limit: 1 })).items.length === 0, TIMEOUT_MS);
}
function deployment(name, replicas, image, strategy) {
    const labels = { app: name };
    return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: spec(image) }, ...(strategy ? { strategy } : {}) } };
}
/** Watches Deployment ns/name, keeping its latest copy. */
async function latestDeployment(client, ns, signal, seen = () => undefined) {
    let latest;
    await watchAll(client, deployments, ns, (d) => {
        latest = d;
        seen(d);
    }, signal);
    return { get: () => latest };
}
export async function benchDeployment(opts = {}) {
    const n = opts.replicas ?? 1000;
    const cluster = await startSimCluster(NODES);
    const { client } = cluster;
    const loadBefore = load();
    const ac = new AbortController();
    try {
        // Warm-up (so the baseline, run first, does not pay alone for the server's JIT), then the baseline:
        // bare Pods from one client, in the ReplicaSet controller's bursts; each deleted again after.
        await ensureNamespace(client, 'bench-pods');
        await timePods(client, 'bench-pods', 100, () => createBare(client, 'bench-pods', 100));
        await deleteAll(client, 'bench-pods');
        const w0 = await writeCounts(client);
        const c0 = await clusterCpu(cluster);
        const bare = await timePods(client, 'bench-pods', n, () => createBare(client, 'bench-pods', n));
        const loadMid = load();
        const bareWrites = writesBetween(w0, await writeCounts(client));
        const c1 = await clusterCpu(cluster);
        await deleteAll(client, 'bench-pods');
        await ensureNamespace(client, 'bench-deploy');
        const w1 = await writeCounts(client);
        const c2 = await clusterCpu(cluster);
        let t0 = 0;
        let availableAt = 0;
        await latestDeployment(client, 'bench-deploy', ac.signal, (d) => {
            if (!availableAt && (d.status?.availableReplicas ?? 0) >= n)
                availableAt = (performance.now() - t0) / 1000;
        });
        const dep = await timePods(client, 'bench-deploy', n, async () => {
            t0 = performance.now();
            await client.create(deployments, 'bench-deploy', deployment('web', n, 'busybox'));
        }, () => availableAt > 0);
        const loadAfter = load();
        const depWrites = writesBetween(w1, await writeCounts(client));
        const c3 = await clusterCpu(cluster);
        return table([
            [`${n} replicas on ${NODES} sim nodes (s after the first create)`, 'first Pod', 'all created', 'bound', 'Running', 'Ready', 'Available (= Ready for bare Pods)'],
            ['bare Pods, one client, ReplicaSet bursts (baseline)', bare.first, bare.created, bare.bound, bare.running, bare.ready, bare.ready],
            ['Deployment → ReplicaSet → Pods', dep.first, dep.created, dep.bound, dep.running, dep.ready, availableAt],
            ['ratio (Deployment / baseline)', dep.first / bare.first, dep.created / bare.created, dep.bound / bare.bound, dep.running / bare.running, dep.ready / bare.ready, availableAt / bare.ready],
        ]) + '\n' + table([
            ['deployment', 'value'],
            ['API writes per Pod, baseline | Deployment', `${(bareWrites.all / n).toFixed(2)} | ${(depWrites.all / n).toFixed(2)}`],
            ['API writes per Pod by resource, Deployment run', depWrites.byResource.slice(0, 5).map(([k, v]) => `${k} ${(v / n).toFixed(2)}`).join(', ')],
            ['CPU seconds used, server | sim, baseline', cpuRow(c0, c1)],
            ['CPU seconds used, server | sim, Deployment', cpuRow(c2, c3)],
            ['writes to ReplicaSets and Deployments (and their status), Deployment run', depWrites.workloads],
            ['load average (1/5/15 min) before, after baseline, after Deployment', `${loadBefore} | ${loadMid} | ${loadAfter}`],
            [`target: ${n} replicas all Available ≤ 10 s`, availableAt <= 10 ? 'met' : 'missed'],
        ]);
    }
    finally {
        ac.abort();
        await cluster.dispose();
    }
}
export async function benchRollout(opts = {}) {
    const n = opts.replicas ?? 100;
    const cluster = await startSimCluster(NODES);
    const { client } = cluster;
    const ns = 'bench-rollout';
    const ac = new AbortController();
    const loadBefore = load();
    try {
        await ensureNamespace(client, ns);
        const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
        const maxUnavailable = Math.floor(n / 4);
        let minAvailable = Infinity;
        let rolling = false;
        const d = await latestDeployment(client, ns, ac.signal, (dep) => {
            if (rolling)
                minAvailable = Math.min(minAvailable, dep.status?.availableReplicas ?? 0);
        });
        await client.create(deployments, ns, deployment('web', n, 'busybox', strategy));
        const complete = (gen) => {
            const s = d.get()?.status;
            return (s?.observedGeneration ?? 0) >= gen && s?.updatedReplicas === n && s?.availableReplicas === n && s?.replicas === n;
        };
        await waitFor(async () => complete(1), TIMEOUT_MS);
        // Ready Pods that are not being deleted, counted from a watch of every Pod of the namespace.
        const ready = new Map();
        let minReady = Infinity;
        const { cuts } = await watchAll(client, pods, ns, (p) => {
            ready.set(p.metadata.name, isReady(p) && !p.metadata.deletionTimestamp);
            if (rolling)
                minReady = Math.min(minReady, [...ready.values()].filter(Boolean).length);
        }, ac.signal);
        for (const p of (await client.list(pods, ns)).items)
            ready.set(p.metadata.name, isReady(p) && !p.metadata.deletionTimestamp);
        rolling = true;
        const t0 = performance.now();
        const updated = await client.patch(deployments, ns, 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } });
        const oldGone = async () => (await client.list(replicaSets, ns)).items.every((rs) => rs.spec.template.spec.containers[0].image !== 'busybox' || (rs.spec.replicas === 0 && (rs.status?.replicas ?? 0) === 0));
        await waitFor(async () => complete(updated.metadata.generation) && (await oldGone()), TIMEOUT_MS);
        const total = (performance.now() - t0) / 1000;
        rolling = false;
        ac.abort();
        const rewatches = await cuts;
        const floor = n - maxUnavailable;
        return table([
            ['rollout', 'value'],
            ['replicas, sim nodes', `${n}, ${NODES}`],
            ['rollout (new image → complete) (s)', total],
            ['fewest Ready Pods not being deleted, during the rollout', minReady],
            ['fewest availableReplicas in the Deployment status, during the rollout', minAvailable],
            ['floor: replicas - maxUnavailable', floor],
            ['bench watch taken up again', rewatches],
            ['load average (1/5/15 min) before, after', `${loadBefore} | ${load()}`],
            ['target: complete ≤ 30 s, never below the floor', total <= 30 && minReady >= floor && minAvailable >= floor ? 'met' : 'missed'],
        ]);
    }
    finally {
        ac.abort();
        await cluster.dispose();
    }
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const which = process.argv[2] === 'rollout' ? benchRollout : benchDeployment;
    which({ replicas: process.argv[3] ? Number(process.argv[3]) : undefined }).then((out) => console.log(out), (e) => {
        console.error(e);
        process.exit(1);
    });
}
//# sourceMappingURL=workloads.js.map