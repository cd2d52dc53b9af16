// metrics.k8s.io end to end without root: the real kubectl, a real server (control plane only) and two
// hollow kubelets (the real kubelet over the fake runtime, each container using HOLLOW_USAGE) serving
// their stats over HTTPS. `kubectl top` for Pods in a namespace, across namespaces, by label, for
// nodes; Pods whose kubelets stopped answering have no metrics, as with metrics-server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOLLOW_USAGE } from '../src/cli/hollow-nodes.js';
import { pod } from './support/api.js';
import { hollowNodes } from './support/hollow.js';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';
const ctx = withServer();
let sim;
const k = (args) => kubectl(ctx.server.kubeconfig, args);
const cpu = `${2 * HOLLOW_USAGE.cpuMillis}m`;
const mem = `${(2 * HOLLOW_USAGE.memoryBytes) / 1024 / 1024}Mi`;
describe('kubectl top on hollow nodes', () => {
    before(async () => {
        sim = await hollowNodes(ctx.server, { count: 2, prefix: 'm-', serveKubelet: true });
        assert.equal((await ctx.api.call('POST', '/api/v1/namespaces', { metadata: { name: 'other' } })).status, 201);
        const mk = async (ns, name, labels, node) => {
            const body = pod(name, { spec: { nodeName: node, containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] } });
            body.metadata.labels = labels;
            const r = await ctx.api.call('POST', `/api/v1/namespaces/${ns}/pods`, body);
            assert.equal(r.status, 201, JSON.stringify(r.body));
        };
        await mk('default', 'web', { app: 'web' }, 'm-0');
        await mk('default', 'db', { app: 'db' }, 'm-1');
        await mk('other', 'job', { app: 'job' }, 'm-1');
        await until('the Pods Running', async () => (await k(['get', 'pods', '-A', '--no-headers'])).stdout.match(/Running/g)?.length === 3);
    });
    after(() => sim?.stop());
    it('shows each Pod with its containers summed, in a namespace, across them, and by label', async () => {
        const ns = await k(['top', 'pod', '--no-headers']);
        assert.equal(ns.code, 0, ns.stderr);
        assert.deepEqual(ns.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)), [['db', cpu, mem], ['web', cpu, mem]]);
        const all = await k(['top', 'pod', '-A', '--no-headers']);
        assert.deepEqual(all.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[1]).sort(), ['db', 'job', 'web']);
        const containers = await k(['top', 'pod', 'web', '--containers', '--no-headers']);
        assert.deepEqual(containers.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)), [['web', 'a', `${HOLLOW_USAGE.cpuMillis}m`, '4Mi'], ['web', 'b', `${HOLLOW_USAGE.cpuMillis}m`, '4Mi']]);
        const byLabel = await k(['top', 'pod', '-A', '-l', 'app in (job,db)', '--no-headers']);
        assert.deepEqual(byLabel.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[1]).sort(), ['db', 'job']);
        const bad = await k(['top', 'pod', '-l', 'app in (']);
        assert.notEqual(bad.code, 0);
    });
    it('shows the nodes, and discovery lists the group', async () => {
        const r = await k(['top', 'node', '--no-headers']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['m-0', 'm-1']);
        const res = await k(['api-resources', '--api-group', 'metrics.k8s.io', '--no-headers']);
        assert.match(res.stdout, /^nodes\s+metrics\.k8s\.io\/v1beta1\s+false\s+NodeMetrics$/m);
        assert.match(res.stdout, /^pods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics$/m);
        const post = await ctx.api.call('POST', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', {});
        assert.equal(post.status, 405);
        assert.equal((await ctx.api.call('GET', '/apis/metrics.k8s.io/v1beta1/pods?watch=true')).status, 405);
        assert.equal((await ctx.api.call('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/deployments')).status, 404);
    });
    it('Pods whose kubelets do not answer have no metrics, as kubectl says', async () => {
        await sim.stop();
        const r = await k(['top', 'pod', '-A', '--no-headers']);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /metrics not available yet/);
    });
});
//# sourceMappingURL=metrics-hollow.test.js.map