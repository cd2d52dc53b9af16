// Service programming latency: a Service with 1,000 endpoints (10 EndpointSlices of 100, written
// through the API as the endpoint controller would), all turned Ready at once, and the time from the
// last slice's write to the kernel's nftables table picking among all 1,000, read from `nft` on the
// node. Baselines from the same run: `nft -f` applying an empty table, and applying the very same
// 1,000-endpoint program straight (in a network namespace of its own), which is the kernel's share.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildRuleset, clusterChainName, transaction } from '../src/proxy/ruleset.js';
import { servicePorts } from '../src/proxy/servicePorts.js';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { apiFor } from '../test/support/api.js';
import { ensureTestImages } from '../test/support/images.js';
import { BERTH_BIN, startServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';
const ENDPOINTS = Number(process.env.BENCH_PROXY_ENDPOINTS ?? 1000);
const PER_SLICE = 100;
const ROUNDS = 5;
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
function slice(i, ready) {
    const endpoints = Array.from({ length: Math.min(PER_SLICE, ENDPOINTS - i * PER_SLICE) }, (_, j) => {
        const n = i * PER_SLICE + j;
        return { addresses: [`10.89.${n >> 8}.${n & 255}`], conditions: { ready, serving: ready, terminating: false } };
    });
    return {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: { name: `big-${i}`, namespace: 'default', labels: { 'kubernetes.io/service-name': 'big', 'endpointslice.kubernetes.io/managed-by': 'bench' } },
        addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints,
    };
}
async function ok(p, what) {
    const r = await p;
    if (r.status >= 300)
        throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
}
/** Milliseconds `nft -f` takes to apply program in a fresh network namespace (median of 5). */
function nftApplyMs(program) {
    const times = [];
    for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = spawnSync('unshare', ['--net', 'nft', '-f', '-'], { input: program });
        if (r.status !== 0)
            throw new Error(`nft: ${r.stderr}`);
        times.push(performance.now() - t0);
    }
    return summarize(times).p50;
}
/** Milliseconds from now until the chain of the Service picks among `want` endpoints. */
async function untilProgrammed(table, chain, want, t0) {
    const pattern = `numgen random mod ${want} `;
    for (;;) {
        const r = spawnSync('nft', ['list', 'chain', 'ip', table, chain], { encoding: 'utf8' });
        if (r.status === 0 && r.stdout.includes(pattern))
            return performance.now() - t0;
        if (performance.now() - t0 > 60_000)
            throw new Error(`not programmed after 60 s: ${r.stderr}`);
        await new Promise((res) => setTimeout(res, 20));
    }
}
/** Waits until every endpoint is gone again: the Service is refused, its ClusterIP in no-endpoint-services. */
async function untilRefused(table, ip) {
    const t0 = performance.now();
    while (!execFileSync('nft', ['list', 'map', 'ip', table, 'no-endpoint-services'], { encoding: 'utf8' }).includes(ip)) {
        if (performance.now() - t0 > 60_000)
            throw new Error('the endpoints never went away');
        await new Promise((res) => setTimeout(res, 20));
    }
}
export async function benchProxy() {
    const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-proxy-'));
    const dataDir = join(scratch, 'data');
    await ensureTestImages(dataDir);
    let server;
    let api;
    try {
        server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
        api = await apiFor(server.kubeconfig);
        const { proxyTable } = await hostNamesFor(dataDir);
        const svc = await ok(api.call('POST', '/api/v1/namespaces/default/services', {
            apiVersion: 'v1', kind: 'Service', metadata: { name: 'big' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
        }), 'create the Service');
        const count = Math.ceil(ENDPOINTS / PER_SLICE);
        for (let i = 0; i < count; i++)
            await ok(api.call('POST', SLICES, slice(i, false)), `create slice ${i}`);
        const [port] = servicePorts([svc], [], '');
        const chain = clusterChainName(port);
        const samples = [];
        for (let round = 0; round < ROUNDS; round++) {
            // All Ready at once (concurrent writes), timed from the last write's answer.
            await Promise.all(Array.from({ length: count }, (_, i) => ok(api.call('PUT', `${SLICES}/big-${i}`, slice(i, true)), `ready ${i}`)));
            samples.push(await untilProgrammed(proxyTable, chain, ENDPOINTS, performance.now()));
            await Promise.all(Array.from({ length: count }, (_, i) => ok(api.call('PUT', `${SLICES}/big-${i}`, slice(i, false)), `not ready ${i}`)));
            await untilRefused(proxyTable, svc.spec.clusterIP);
        }
        const everything = servicePorts([svc], Array.from({ length: count }, (_, i) => slice(i, true)), '');
        const program = transaction('bench-proxy', buildRuleset(everything, { nodeIPs: ['192.0.2.2'], podCIDR: '10.88.0.0/16' }));
        const empty = nftApplyMs(transaction('bench-proxy', buildRuleset([], { nodeIPs: [], podCIDR: '10.88.0.0/16' })));
        const same = nftApplyMs(program);
        const s = summarize(samples);
        return [
            `## Service proxy (${ENDPOINTS} endpoints in ${count} EndpointSlices, ${ROUNDS} rounds)`,
            table([
                ['what', 'p50 ms', 'max ms'],
                [`last endpoint Ready → kernel picks among all ${ENDPOINTS} (target ≤ 1,000 ms)`, s.p50, s.max],
                ['baseline: nft -f of an empty table', empty, ''],
                [`baseline: nft -f of the same ${ENDPOINTS}-endpoint program alone (${Math.round(program.length / 1024)} KiB)`, same, ''],
            ]),
            '',
            `Load average during the run: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores. The kernel is polled every 20 ms with \`nft list chain\`.`,
        ].join('\n');
    }
    finally {
        api?.close();
        await server?.stop();
        // Always: the node ran no Pod, but its proxy left its rules.
        await new Promise((res) => execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir], () => res(undefined)));
        await rm(scratch, { recursive: true, force: true });
    }
}
//# sourceMappingURL=proxy.js.map