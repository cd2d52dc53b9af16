// Inter-Pod affinity, topology spreading and extended resources end to end: a real server (its own
// scheduler and controllers), three hollow nodes (real kubelets over the fake runtime) in two zones, and
// the real kubectl. What a user sees: where Pods land, and why the ones that cannot stay Pending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hollowNodes } from './support/hollow.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let sim;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const ok = async (args, input) => {
    const r = await k(args, input);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
};
const nodeOf = async (pod) => (await k(['get', 'pod', pod, '-o', 'jsonpath={.spec.nodeName}'])).stdout;
const bound = (pod) => until(`${pod} bound`, () => nodeOf(pod).then((n) => n || undefined));
/** The PodScheduled condition's message once the scheduler has given up on the Pod. */
const unschedulable = (pod) => until(`${pod} unschedulable`, async () => (await k(['get', 'pod', pod, '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}'])).stdout || undefined);
const zoneOf = { 'aff-0': 'a', 'aff-1': 'a', 'aff-2': 'b' };
before(async () => {
    server = await startServer();
    sim = await hollowNodes(server, { count: 3, prefix: 'aff-' });
    await until('three Ready nodes', async () => (await k(['get', 'nodes', '--no-headers'])).stdout.match(/\sReady\s/g)?.length === 3);
    for (const [node, zone] of Object.entries(zoneOf))
        await ok(['label', 'node', node, `topology.kubernetes.io/zone=${zone}`]);
});
after(async () => {
    await sim?.stop();
    await server.dispose();
});
const podYaml = (name, labels, spec) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
spec:
  containers: [{ name: c, image: busybox, command: [sleep, '3600'] }]
${spec}`;
describe('scheduling by other Pods, zones and extended resources', () => {
    it('required anti-affinity spreads 3 replicas over 3 nodes; a 4th stays Pending with upstream\'s message', async () => {
        await ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: busybox, command: [sleep, '3600'] }]
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - { labelSelector: { matchLabels: { app: web } }, topologyKey: kubernetes.io/hostname }
`);
        const placed = await until('3 replicas bound', async () => {
            const out = (await k(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}'])).stdout.split('\n').filter(Boolean);
            return out.length === 3 && out;
        });
        assert.deepEqual([...placed].sort(), ['aff-0', 'aff-1', 'aff-2']);
        await ok(['scale', 'deployment', 'web', '--replicas=4']);
        const pending = await until('a 4th replica', async () => (await k(['get', 'pods', '-l', 'app=web', '--field-selector', 'status.phase=Pending', '-o', 'name'])).stdout.trim().split('\n').find((n) => n && true));
        const name = pending.replace('pod/', '');
        const message = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
        assert.equal(await unschedulable(name), message);
        const describe = await ok(['describe', 'pod', name]);
        assert.match(describe, /FailedScheduling/);
        assert.ok(describe.replace(/\s+/g, ' ').includes(message), describe);
        assert.equal(await nodeOf(name), '');
        await ok(['delete', 'deployment', 'web', '--wait=false']);
    });
    it('a required affinity that nothing satisfies stays Pending, and is placed once a matching Pod appears', async () => {
        await ok(['apply', '-f', '-'], podYaml('follower', { app: 'follower' }, `  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - { labelSelector: { matchLabels: { app: leader } }, topologyKey: kubernetes.io/hostname }
`));
        assert.equal(await unschedulable('follower'), "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        assert.equal(await nodeOf('follower'), '');
        await ok(['apply', '-f', '-'], podYaml('leader', { app: 'leader' }, ''));
        const leaderNode = await bound('leader');
        assert.equal(await bound('follower'), leaderNode);
    });
    it('topology spread across zones overrides a node preference', async () => {
        // Every Pod prefers zone b (one node); maxSkew 1 by zone still puts half of them in zone a.
        const spec = `  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - { weight: 100, preference: { matchExpressions: [{ key: topology.kubernetes.io/zone, operator: In, values: [b] }] } }
  topologySpreadConstraints:
  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: zs } } }
`;
        const zones = [];
        for (let i = 0; i < 4; i++) {
            await ok(['apply', '-f', '-'], podYaml(`zs-${i}`, { app: 'zs' }, spec));
            zones.push(zoneOf[await bound(`zs-${i}`)]);
        }
        assert.deepEqual(zones.filter((z) => z === 'a').length, 2, zones.join());
        assert.deepEqual(zones.filter((z) => z === 'b').length, 2, zones.join());
        // Without the constraint the preference wins: the control that shows the constraint did the work.
        await ok(['apply', '-f', '-'], podYaml('zs-free', { app: 'free' }, spec.split('  topologySpreadConstraints:')[0]));
        assert.equal(zoneOf[await bound('zs-free')], 'b');
    });
    it('extended resources: none advertised keeps the Pod Pending; a node that advertises them takes it', async () => {
        const refused = await k(['apply', '-f', '-'], podYaml('half', {}, '').replace("command: [sleep, '3600'] }", "command: [sleep, '3600'], resources: { limits: { example.com/dongle: 2 }, requests: { example.com/dongle: 1 } } }"));
        assert.notEqual(refused.code, 0);
        assert.match(refused.stderr, /spec\.containers\[0\]\.resources\.requests: Invalid value: "1": must be equal to example\.com\/dongle limit of 2/);
        await ok(['apply', '-f', '-'], podYaml('dongler', {}, '').replace("command: [sleep, '3600'] }", "command: [sleep, '3600'], resources: { limits: { example.com/dongle: 2 } } }"));
        assert.equal(await unschedulable('dongler'), '0/3 nodes are available: 3 Insufficient example.com/dongle. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
        // As a device plugin (or the documentation's curl) advertises them: the Node's status capacity.
        await ok(['patch', 'node', 'aff-1', '--subresource=status', '--type=json', '-p', '[{"op":"add","path":"/status/capacity/example.com~1dongle","value":"4"}]']);
        // The kubelet keeps them and offers them as allocatable; then the scheduler places the Pod there.
        assert.equal(await until('allocatable dongles', async () => (await k(['get', 'node', 'aff-1', '-o', 'jsonpath={.status.allocatable.example\\.com/dongle}'])).stdout || undefined, 30_000), '4');
        assert.equal(await bound('dongler'), 'aff-1');
        // Two are left: a Pod asking for three does not fit.
        await ok(['apply', '-f', '-'], podYaml('greedy', {}, '').replace("command: [sleep, '3600'] }", "command: [sleep, '3600'], resources: { limits: { example.com/dongle: 3 } } }"));
        assert.equal(await unschedulable('greedy'), '0/3 nodes are available: 3 Insufficient example.com/dongle. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    });
});
//# sourceMappingURL=scheduler-affinity-e2e.test.js.map