// Two berth nodes on one host, each `berth server` with its kubelet and its own data dir, pod CIDR and
// node name: each names its own bridge, masquerade rule and cgroups, so both run Pods side by side; a
// third with a CIDR already in use refuses to start and names the bridge that holds it; and `berth
// killall` of one removes exactly its own, leaving the other's Pod running and reachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer } from './support/server.js';
import { until } from './support/wait.js';
const nodes = [];
// Two /24s no other test uses (the runtime tests take 10.200–249), random so a leftover never matters.
const third = Math.floor(Math.random() * 256);
const cidrs = [`10.150.${third}.0/24`, `10.151.${third}.0/24`];
const k = (n, args, input) => kubectl(n.server.kubeconfig, args, input === undefined ? {} : { input });
const hostLinks = () => execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
const natRules = () => execFileSync('iptables', ['-w', '-t', 'nat', '-S', 'POSTROUTING'], { encoding: 'utf8' });
const mountsUnder = (dir) => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(dir));
const hasLink = (name) => new RegExp(`^\\d+: ${name}[:@]`, 'm').test(hostLinks());
function berth(args) {
    return new Promise((resolve) => {
        execFile(process.execPath, [BERTH_BIN, ...args], (err, _out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }));
    });
}
const sleeper = JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sleeper' },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3600'] }] },
});
before(async () => {
    await Promise.all(cidrs.map(async (cidr, i) => {
        const dataDir = await mkdtemp(join(tmpdir(), `berth-node${i}-`));
        await ensureTestImages(dataDir);
        const name = `node-${i}`;
        const server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', '--pod-cidr', cidr, '--node-name', name] });
        nodes[i] = { name, cidr, server, names: await hostNamesFor(dataDir) };
    }));
    await Promise.all(nodes.map(async (n) => {
        await until(`${n.name} Ready`, async () => (await k(n, ['get', 'nodes', '--no-headers'])).stdout.includes(' Ready'));
        const r = await k(n, ['apply', '-f', '-'], sleeper);
        assert.equal(r.code, 0, r.stderr);
    }));
});
after(async () => {
    await Promise.all(nodes.map(async (n) => {
        await k(n, ['delete', 'pods', '--all', '--grace-period=1']);
        await n.server.dispose();
    }));
});
const podIP = async (n) => (await k(n, ['get', 'pod', 'sleeper', '-o', 'jsonpath={.status.phase} {.status.podIP}'])).stdout;
test('each node runs its Pod on its own bridge, with an address from its own pod CIDR', async () => {
    const [a, b] = nodes;
    assert.notEqual(a.names.bridge, b.names.bridge);
    for (const n of nodes) {
        assert.ok(n.names.bridge.length <= 15, n.names.bridge);
        const got = await until(`${n.name}'s Pod Running`, async () => /^Running \S+$/.test(await podIP(n)) && podIP(n));
        const prefix = n.cidr.replace(/0\/24$/, '');
        assert.ok(got.split(' ')[1].startsWith(prefix), `${n.name}: Pod IP ${got} is not in ${n.cidr}`);
        const addr = execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', n.names.bridge], { encoding: 'utf8' });
        assert.match(addr, new RegExp(`inet ${prefix.replace(/\./g, '\\.')}1/24`), `${n.names.bridge} is ${n.name}'s gateway`);
        assert.match(natRules(), new RegExp(`-s ${n.cidr.replace(/\./g, '\\.')} .*berth pod network ${n.names.bridge}`));
    }
});
test('a third node with a pod CIDR already in use (or no CIDR at all) refuses to start, naming the bridge that holds it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-node-clash-'));
    try {
        await assert.rejects(startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', '--pod-cidr', nodes[0].cidr, '--node-name', 'clash'] }), new RegExp(`pod CIDR ${nodes[0].cidr.replace(/\./g, '\\.')} is already in use on this host: ${nodes[0].names.bridge} has address`));
        assert.equal(hasLink((await hostNamesFor(dataDir)).bridge), false, 'the refused node made no bridge');
        await assert.rejects(startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', '--pod-cidr', '10.300.0.0/24', '--node-name', 'clash'] }), /pod CIDR "10\.300\.0\.0\/24" is not an IPv4 CIDR/);
    }
    finally {
        await rm(dataDir, { recursive: true, force: true });
    }
});
test('killall of one node removes its bridge, rule, namespaces and mounts; the other\'s Pod keeps running', async () => {
    const [a, b] = nodes;
    const ipB = (await podIP(b)).split(' ')[1];
    await a.server.stop();
    const r = await berth(['killall', '--data-dir', a.server.dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hasLink(a.names.bridge), false, `${a.names.bridge} is gone`);
    assert.doesNotMatch(natRules(), new RegExp(`berth pod network ${a.names.bridge}`));
    assert.deepEqual(mountsUnder(a.server.dataDir), []);
    assert.throws(() => readdirSync(join(a.server.dataDir, 'runtime')), /ENOENT/);
    assert.equal(hasLink(b.names.bridge), true, `${b.names.bridge} remains`);
    assert.match(natRules(), new RegExp(`berth pod network ${b.names.bridge}`));
    assert.equal(await podIP(b), `Running ${ipB}`);
    execFileSync('/bin/busybox', ['ping', '-c', '1', '-W', '2', ipB]); // the host reaches it over b's bridge
    const exec = await k(b, ['exec', 'sleeper', '--', 'hostname']);
    assert.equal(exec.stdout, 'sleeper\n', exec.stderr);
});
//# sourceMappingURL=runtime-two-nodes.test.js.map