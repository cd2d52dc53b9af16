// Node administration with the real kubectl: cordon, uncordon, taint and drain against hollow nodes,
// with the server's own scheduler placing the Pods.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestClient } from '../src/client/rest.js';
import { hollowNodes } from './support/hollow.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let client;
let sim;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const nodeOf = async (pod) => (await k(['get', 'pod', pod, '-o', 'jsonpath={.spec.nodeName}'])).stdout;
const run = (name) => k(['run', name, '--image=busybox', '--restart=Never']);
before(async () => {
    server = await startServer();
    client = await RestClient.fromKubeconfig(server.kubeconfig);
    sim = await hollowNodes(server, { count: 2, prefix: 'adm-' });
    await until('two Ready nodes', async () => (await k(['get', 'nodes', '--no-headers'])).stdout.match(/\sReady\s/g)?.length === 2);
});
after(async () => {
    await sim?.stop();
    client.transport.close();
    await server.dispose();
});
describe('node administration', () => {
    it('cordon keeps new Pods off a node, and uncordon lets them back', async () => {
        const c = await k(['cordon', 'adm-0']);
        assert.equal(c.code, 0, c.stderr);
        assert.match(c.stdout, /node\/adm-0 cordoned/);
        assert.match((await k(['get', 'node', 'adm-0'])).stdout, /Ready,SchedulingDisabled/);
        for (const n of ['c1', 'c2', 'c3', 'c4'])
            assert.equal((await run(n)).code, 0);
        for (const n of ['c1', 'c2', 'c3', 'c4'])
            assert.equal(await until(`${n} bound`, () => nodeOf(n).then((x) => x || undefined)), 'adm-1');
        const u = await k(['uncordon', 'adm-0']);
        assert.match(u.stdout, /node\/adm-0 uncordoned/);
        assert.equal((await k(['get', 'node', 'adm-0', '-o', 'jsonpath={.spec.unschedulable}'])).stdout, '');
    });
    it('a NoSchedule taint keeps Pods that do not tolerate it away', async () => {
        const t = await k(['taint', 'nodes', 'adm-1', 'dedicated=gpu:NoSchedule']);
        assert.equal(t.code, 0, t.stderr);
        assert.match(t.stdout, /node\/adm-1 tainted/);
        for (const n of ['t1', 't2', 't3'])
            assert.equal((await run(n)).code, 0);
        for (const n of ['t1', 't2', 't3'])
            assert.equal(await until(`${n} bound`, () => nodeOf(n).then((x) => x || undefined)), 'adm-0');
        assert.match((await k(['taint', 'nodes', 'adm-1', 'dedicated=gpu:NoSchedule-'])).stdout, /node\/adm-1 untainted/);
    });
    it('drain cordons the node and evicts its Pods', async () => {
        const before = (await k(['get', 'pods', '--field-selector', 'spec.nodeName=adm-0', '-o', 'name'])).stdout.trim().split('\n').filter(Boolean);
        assert.ok(before.length > 0);
        const d = await k(['drain', 'adm-0', '--force', '--grace-period=0', '--timeout=60s']);
        assert.equal(d.code, 0, d.stderr);
        assert.match(d.stdout, /node\/adm-0 drained/);
        for (const p of before)
            assert.match(d.stdout, new RegExp(`evicting pod default/${p.replace('pod/', '')}|pod/${p.replace('pod/', '')} evicted`));
        const left = (await k(['get', 'pods', '--field-selector', 'spec.nodeName=adm-0', '-o', 'name'])).stdout.trim();
        assert.equal(left, '');
        assert.equal((await k(['get', 'node', 'adm-0', '-o', 'jsonpath={.spec.unschedulable}'])).stdout, 'true');
    });
});
//# sourceMappingURL=kubectl-nodes.test.js.map