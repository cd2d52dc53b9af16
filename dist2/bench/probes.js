// Probe cost: 100 real Pods (runc, busybox httpd), each with an httpGet readiness and an httpGet
// liveness probe every second, against the same 100 Pods without probes in the same run. The figure
// is the CPU the server process (API server, scheduler and kubelet in one) spends per second of wall
// time, user and kernel apart (a probe's TCP handshake through the pod bridge is kernel time), read
// from /proc over a quiet window once every Pod is Ready. BENCH_CPU_PROF=DIR runs the
// server under `node --cpu-prof` into DIR and prints each window's bounds on the profile's clock
// (microseconds of the monotonic clock), so the samples of the window can be told from the rest.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiFor } from '../test/support/api.js';
import { ensureTestImages } from '../test/support/images.js';
import { BERTH_BIN, startServer } from '../test/support/server.js';
import { table } from './stats.js';
const PODS = Number(process.env.BENCH_PROBE_PODS ?? 100);
const WINDOW_MS = 20_000;
const BASE = '/api/v1/namespaces/default/pods';
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const monotonicMicros = () => process.hrtime.bigint() / 1000n;
function probePod(name, probes) {
    const probe = { httpGet: { path: '/', port: 8080 }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 3 };
    return {
        apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { bench: 'probes' } },
        spec: {
            terminationGracePeriodSeconds: 0,
            containers: [{
                    name: 'web', image: 'busybox', imagePullPolicy: 'IfNotPresent',
                    command: ['sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www'],
                    ...(probes ? { readinessProbe: probe, livenessProbe: probe } : {}),
                }],
        },
    };
}
/** CPU seconds the process has used in user space and in the kernel, from /proc/<pid>/stat. */
function cpuSeconds(pid) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // utime, stime in clock ticks (USER_HZ 100)
}
async function untilAllReady(api, timeoutMs = 900_000) {
    const end = Date.now() + timeoutMs;
    let waiting = [];
    while (Date.now() < end) {
        const r = await api.call('GET', `${BASE}?labelSelector=bench%3Dprobes`);
        waiting = r.body.items.filter((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        if (waiting.length === 0)
            return;
        await new Promise((res) => setTimeout(res, 500));
    }
    throw new Error(`${waiting.length} Pods never became Ready, e.g. ${JSON.stringify(waiting[0])}`);
}
async function untilGone(api) {
    for (let i = 0; i < 600; i++) {
        const r = await api.call('GET', `${BASE}?labelSelector=bench%3Dprobes`);
        if (r.body.items.length === 0)
            return;
        await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error('the Pods were never all deleted');
}
/** The server's CPU share of one core over a quiet window with `probes` Pods running. */
async function measure(api, pid, probes) {
    await Promise.all(Array.from({ length: PODS }, async (_, i) => {
        const r = await api.call('POST', BASE, probePod(`probe-${i}`, probes));
        if (r.status !== 201)
            throw new Error(`create probe-${i}: ${r.status} ${JSON.stringify(r.body)}`);
    }));
    await untilAllReady(api);
    await new Promise((res) => setTimeout(res, 3000)); // the start's status writes settle
    const c0 = cpuSeconds(pid);
    const t0 = performance.now();
    const m0 = monotonicMicros();
    await new Promise((res) => setTimeout(res, WINDOW_MS));
    const c1 = cpuSeconds(pid);
    const seconds = (performance.now() - t0) / 1000;
    const user = (c1.user - c0.user) / seconds;
    const system = (c1.system - c0.system) / seconds;
    const share = { total: user + system, user, system };
    if (PROFILE_DIR)
        process.stderr.write(`probes=${probes} window on the profile's clock: ${m0} ${monotonicMicros()}\n`);
    await api.call('DELETE', `${BASE}?labelSelector=bench%3Dprobes`);
    await untilGone(api);
    return share;
}
export async function benchProbes() {
    const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-probes-'));
    const dataDir = join(scratch, 'data');
    await ensureTestImages(dataDir);
    let server;
    try {
        server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'], ...(PROFILE_DIR ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] } : {}) });
        const api = await apiFor(server.kubeconfig);
        const pid = server.process.pid;
        const without = await measure(api, pid, false);
        const withProbes = await measure(api, pid, true);
        api.close();
        const pct = (x) => `${(x * 100).toFixed(1)}%`;
        const row = (label, s) => [label, pct(s.total), pct(s.user), pct(s.system)];
        return [
            `## Probes (${PODS} real Pods, httpGet readiness + liveness every second = ${2 * PODS} probes/s)`,
            table([
                ['server CPU, share of one core', 'total', 'user', 'kernel'],
                row(`${PODS} Pods without probes (same-run baseline)`, without),
                row(`${PODS} Pods with probes`, withProbes),
                row('cost of the probes (difference; target ≤ 10%)', { total: withProbes.total - without.total, user: withProbes.user - without.user, system: withProbes.system - without.system }),
                ['load average (1, 5, 15 min) at the end', loadavg().map((l) => l.toFixed(2)).join(' '), '', ''],
            ]),
            '',
            `Measured over ${WINDOW_MS / 1000} s once every Pod was Ready; httpGet probes connect from the node to the Pod IP (no process spawned).`,
        ].join('\n');
    }
    finally {
        await server?.stop();
        if (existsSync(join(dataDir, 'runtime')))
            await new Promise((res) => execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir], () => res(undefined)));
        await rm(scratch, { recursive: true, force: true });
    }
}
//# sourceMappingURL=probes.js.map