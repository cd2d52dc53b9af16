// The real kubectl's everyday commands against a real berth server: describe, get -w, the get
// flags and columns, wait, create/replace/edit, delete variants, short names and `get all`. Each test
// checks what kubectl prints and what the server then holds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiFor, pod } from './support/api.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
let server;
let api;
const k = (args, opts) => kubectl(server.kubeconfig, args, opts);
const P = '/api/v1/namespaces/default/pods';
const work = mkdtempSync(join(tmpdir(), 'berth-kubectl-commands-'));
const spawnHome = mkdtempSync(join(tmpdir(), 'berth-kubectl-home-'));
const running = [];
before(async () => {
    server = await startServer();
    api = await apiFor(server.kubeconfig);
});
after(async () => {
    for (const c of running)
        if (c.exitCode === null)
            c.kill('SIGKILL');
    api.close();
    await server.dispose();
});
async function create(path, body) {
    const r = await api.call('POST', path, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
}
async function setStatus(name, status) {
    const r = await api.call('PATCH', `${P}/${name}/status`, { status });
    assert.equal(r.status, 200, JSON.stringify(r.body));
}
/** A long-running kubectl (get -w, wait): its output so far, and a way to wait for a pattern in it. */
function start(args) {
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, ...args], { env: { ...process.env, HOME: spawnHome, KUBECACHEDIR: join(spawnHome, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => (err += d.toString()));
    const exit = new Promise((r) => child.once('exit', (code) => r(code)));
    return {
        out: () => out,
        err: () => err,
        async waitFor(re, ms = 15_000) {
            const deadline = Date.now() + ms;
            while (!re.test(out)) {
                if (Date.now() > deadline)
                    assert.fail(`kubectl ${args.join(' ')} never printed ${re}; stdout:\n${out}\nstderr:\n${err}`);
                if (child.exitCode !== null)
                    assert.fail(`kubectl ${args.join(' ')} exited ${child.exitCode} before printing ${re}; stdout:\n${out}\nstderr:\n${err}`);
                await new Promise((r) => setTimeout(r, 50));
            }
        },
        exit,
        kill: () => void child.kill('SIGTERM'),
    };
}
const lines = (s) => s.trimEnd().split('\n');
const header = (s) => lines(s)[0].trim().split(/\s{2,}/);
describe('describe', () => {
    it('describe pod prints the pod and its Events, matched by the pod\'s uid', async () => {
        const p = await create(P, pod('described', { metadata: { name: 'described', labels: { app: 'desc' }, annotations: { note: 'hello' } } }));
        const now = Date.now();
        const ev = (name, uid, reason, message, extra = {}) => ({
            apiVersion: 'v1', kind: 'Event', metadata: { name },
            involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'described', namespace: 'default', uid },
            reason, message, type: 'Normal', source: { component: 'kubelet', host: 'node-a' },
            firstTimestamp: new Date(now - 120_000).toISOString().replace(/\.\d+Z$/, 'Z'),
            lastTimestamp: new Date(now - 10_000).toISOString().replace(/\.\d+Z$/, 'Z'),
            count: 3, ...extra,
        });
        await create('/api/v1/namespaces/default/events', ev('described.1', p.metadata.uid, 'Pulled', 'Successfully pulled image "busybox"'));
        await create('/api/v1/namespaces/default/events', ev('described.2', p.metadata.uid, 'BackOff', 'Back-off restarting failed container c', { type: 'Warning', count: 1, firstTimestamp: new Date(now - 5_000).toISOString().replace(/\.\d+Z$/, 'Z'), lastTimestamp: new Date(now - 5_000).toISOString().replace(/\.\d+Z$/, 'Z') }));
        // An event for an earlier pod of the same name: another uid, so describe must not show it.
        await create('/api/v1/namespaces/default/events', ev('described.old', '00000000-0000-0000-0000-000000000000', 'Killing', 'from a previous life'));
        const r = await k(['describe', 'pod', 'described']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Name:\s+described$/m);
        assert.match(r.stdout, /^Namespace:\s+default$/m);
        assert.match(r.stdout, /^Labels:\s+app=desc$/m);
        assert.match(r.stdout, /^Annotations:\s+note: hello$/m);
        assert.match(r.stdout, /^Status:\s+Pending$/m);
        assert.match(r.stdout, /^QoS Class:\s+BestEffort$/m);
        assert.match(r.stdout, /^\s+Image:\s+busybox$/m);
        assert.match(r.stdout, /node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);
        const events = r.stdout.slice(r.stdout.indexOf('\nEvents:'));
        assert.match(events, /Type\s+Reason\s+Age\s+From\s+Message/);
        // describe's From column is source.component alone (get events -o wide adds the host).
        assert.match(events, /Normal\s+Pulled\s+\d+s \(x3 over 2m(\d+s)?\)\s+kubelet\s+Successfully pulled image "busybox"/);
        assert.match(events, /Warning\s+BackOff\s+\d+s\s+kubelet\s+Back-off restarting failed container c/);
        assert.doesNotMatch(events, /previous life/);
        // Events are listed oldest first.
        assert.ok(events.indexOf('Pulled') < events.indexOf('BackOff'));
    });
    it('describe node prints a Node created through the API, with its conditions, addresses, capacity and pods', async () => {
        const ts = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
        await create('/api/v1/nodes', {
            apiVersion: 'v1', kind: 'Node',
            metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a', 'node-role.kubernetes.io/worker': '' } },
            spec: { podCIDR: '10.88.1.0/24', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
        });
        const status = {
            conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: ts, lastTransitionTime: ts }],
            addresses: [{ type: 'InternalIP', address: '192.0.2.10' }, { type: 'Hostname', address: 'node-a' }],
            capacity: { cpu: '4', memory: '8Gi', pods: '110' },
            allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
            nodeInfo: { kubeletVersion: 'v1.32.0-berth', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', containerRuntimeVersion: 'runc://1.1.5', operatingSystem: 'linux', architecture: 'amd64', machineID: '', systemUUID: '', bootID: '', kubeProxyVersion: '' },
        };
        const s = await api.call('PATCH', '/api/v1/nodes/node-a/status', { status });
        assert.equal(s.status, 200, JSON.stringify(s.body));
        await create(P, { ...pod('on-node-a'), spec: { nodeName: 'node-a', containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '500m', memory: '64Mi' } } }] } });
        const r = await k(['describe', 'node', 'node-a']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Name:\s+node-a$/m);
        assert.match(r.stdout, /^Roles:\s+worker$/m);
        assert.match(r.stdout, /^Taints:\s+dedicated=gpu:NoSchedule$/m);
        assert.match(r.stdout, /^\s+Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status$/m);
        assert.match(r.stdout, /^\s+InternalIP:\s+192\.0\.2\.10$/m);
        assert.match(r.stdout, /^\s+memory:\s+8Gi$/m);
        assert.match(r.stdout, /^\s+Kubelet Version:\s+v1\.32\.0-berth$/m);
        assert.match(r.stdout, /^PodCIDR:\s+10\.88\.1\.0\/24$/m);
        assert.match(r.stdout, /Non-terminated Pods:\s+\(1 in total\)/);
        assert.match(r.stdout, /default\s+on-node-a\s+500m \(12%\)\s+0 \(0%\)\s+64Mi \(0%\)\s+0 \(0%\)/);
        const g = await k(['get', 'nodes']);
        assert.equal(g.code, 0, g.stderr);
        assert.deepEqual(header(g.stdout), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
        assert.match(g.stdout, /^node-a\s+Ready\s+worker\s+\d+s\s+v1\.32\.0-berth$/m);
        const wide = await k(['get', 'no', '-o', 'wide']);
        assert.deepEqual(header(wide.stdout), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
        assert.match(wide.stdout, /node-a\s+Ready\s+worker\s+\d+s\s+v1\.32\.0-berth\s+192\.0\.2\.10\s+<none>\s+Debian GNU\/Linux 12 \(bookworm\)\s+6\.1\.0\s+runc:\/\/1\.1\.5/);
    });
});
describe('get -w', () => {
    it('streams table rows as pods are added and changed', async () => {
        await create(P, pod('w-existing'));
        const w = start(['get', 'pods', '-w', '-l', 'app=web']);
        await w.waitFor(/^w-existing\s+0\/1\s+Pending\s+0\s+\d+s$/m);
        assert.match(lines(w.out())[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
        await create(P, pod('w-new'));
        await w.waitFor(/^w-new\s+0\/1\s+Pending\s+0\s+\d+s$/m);
        await setStatus('w-new', { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 2, image: 'busybox', imageID: '', state: { running: { startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } } }] });
        await w.waitFor(/^w-new\s+1\/1\s+Running\s+2\s+\d+s$/m);
        // A pod outside the selector never shows up.
        await create(P, pod('w-other', { metadata: { name: 'w-other', labels: { app: 'other' } } }));
        await api.call('DELETE', `${P}/w-new`);
        await w.waitFor(/^w-new\s+1\/1\s+Running\s+2\s+\d+s\n.*w-new/m);
        assert.doesNotMatch(w.out(), /w-other/);
        // The header is printed once.
        assert.equal(w.out().match(/NAME\s+READY/g).length, 1);
        w.kill();
        await w.exit;
    });
    it('get -w -o json streams one full object per event', async () => {
        await create(P, pod('wj', { metadata: { name: 'wj', labels: { v: '1' } } }));
        const w = start(['get', 'pods', '-w', '-o', 'json', '--field-selector', 'metadata.name=wj']);
        // The listed state first; the watch then resumes from the list's resourceVersion, so the patch is seen.
        await w.waitFor(/"v": "1"/);
        await api.call('PATCH', `${P}/wj`, { metadata: { labels: { v: '2' } } });
        await w.waitFor(/"v": "2"/);
        w.kill();
        await w.exit;
        const docs = w.out().split(/^}$/m).map((s) => s.trim()).filter(Boolean).map((s) => JSON.parse(`${s}\n}`));
        // The listed object, then one per change (the scheduler may also record PodScheduled=False).
        assert.ok(docs.length >= 2, w.out());
        assert.ok(docs.every((d) => d.kind === 'Pod' && d.metadata.name === 'wj'));
        assert.equal(docs[0].metadata.labels.v, '1');
        assert.equal(docs.at(-1).metadata.labels.v, '2');
        assert.equal(docs.at(-1).spec.containers[0].image, 'busybox');
        const rvs = docs.map((d) => Number(d.metadata.resourceVersion));
        assert.deepEqual(rvs, [...rvs].sort((a, b) => a - b));
    });
    it('watches a single pod by name, printing its current row first', async () => {
        const w = start(['get', 'pod', 'wj', '-w', '--no-headers']);
        await w.waitFor(/^wj\s+0\/1\s+Pending/m);
        await setStatus('wj', { phase: 'Failed', reason: 'Evicted' });
        await w.waitFor(/^wj\s+0\/1\s+Evicted/m);
        assert.equal(lines(w.out()).length, 2);
        w.kill();
        await w.exit;
    });
});
describe('get flags and columns', () => {
    before(async () => {
        await create('/api/v1/namespaces', { metadata: { name: 'team-b' } });
        await create('/api/v1/namespaces/team-b/pods', { ...pod('zeta'), metadata: { name: 'zeta', labels: { app: 'z', tier: 'db' } } });
        await create('/api/v1/namespaces/team-b/pods', { ...pod('alpha'), metadata: { name: 'alpha', labels: { app: 'a' } } });
        await create('/api/v1/namespaces/team-b/pods', { ...pod('mid'), metadata: { name: 'mid' } });
        const r = await api.call('PATCH', '/api/v1/namespaces/team-b/pods/zeta/status', { status: { phase: 'Running', podIP: '10.88.0.9', hostIP: '192.0.2.10' } });
        assert.equal(r.status, 200);
        await api.call('PATCH', '/api/v1/namespaces/team-b/pods/zeta', { spec: {} });
    });
    it('get pods -A adds a NAMESPACE column and covers every namespace', async () => {
        const r = await k(['get', 'pods', '-A']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(header(r.stdout), ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        assert.match(r.stdout, /^team-b\s+zeta\s+0\/1\s+Running\s+0\s+\d+s$/m);
        assert.match(r.stdout, /^default\s+described\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    });
    it('--show-labels, --sort-by=.metadata.name and -o wide', async () => {
        const labels = await k(['get', 'pods', '-n', 'team-b', '--show-labels']);
        assert.deepEqual(header(labels.stdout), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS']);
        assert.match(labels.stdout, /^zeta\s.*\sapp=z,tier=db$/m);
        assert.match(labels.stdout, /^mid\s.*\s<none>$/m);
        const sorted = await k(['get', 'pods', '-n', 'team-b', '--sort-by=.metadata.name', '--no-headers']);
        assert.equal(sorted.code, 0, sorted.stderr);
        assert.deepEqual(lines(sorted.stdout).map((l) => l.split(/\s+/)[0]), ['alpha', 'mid', 'zeta']);
        const desc = await k(['get', 'pods', '-n', 'team-b', '--sort-by={.metadata.labels.app}', '-o', 'name']);
        assert.deepEqual(lines(desc.stdout), ['pod/mid', 'pod/alpha', 'pod/zeta']);
        const wide = await k(['get', 'pods', '-n', 'team-b', '-o', 'wide']);
        assert.deepEqual(header(wide.stdout), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
        assert.match(wide.stdout, /^zeta\s+0\/1\s+Running\s+0\s+\d+s\s+10\.88\.0\.9\s+<none>\s+<none>\s+<none>$/m);
        assert.match(wide.stdout, /^alpha\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
    });
    it('prints the upstream columns for namespaces, events, leases, configmaps, secrets and serviceaccounts', async () => {
        const ns = await k(['get', 'namespaces']);
        assert.deepEqual(header(ns.stdout), ['NAME', 'STATUS', 'AGE']);
        assert.match(ns.stdout, /^team-b\s+Active\s+\d+s$/m);
        assert.match(ns.stdout, /^kube-node-lease\s+Active/m);
        const ev = await k(['get', 'events']);
        assert.equal(ev.code, 0, ev.stderr);
        assert.deepEqual(header(ev.stdout), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
        assert.match(ev.stdout, /^\d+s\s+Normal\s+Pulled\s+pod\/described\s+Successfully pulled image "busybox"$/m);
        const evWide = await k(['get', 'ev', '-o', 'wide', '--field-selector', 'reason=BackOff']);
        assert.deepEqual(header(evWide.stdout), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
        assert.match(evWide.stdout, /Warning\s+BackOff\s+pod\/described\s+kubelet, node-a\s+Back-off restarting failed container c\s+\d+s\s+1\s+described\.2$/m);
        await create('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { metadata: { name: 'node-a' }, spec: { holderIdentity: 'node-a', leaseDurationSeconds: 40 } });
        const leases = await k(['get', 'leases', '-n', 'kube-node-lease']);
        assert.deepEqual(header(leases.stdout), ['NAME', 'HOLDER', 'AGE']);
        assert.match(leases.stdout, /^node-a\s+node-a\s+\d+s$/m);
        await create('/api/v1/namespaces/team-b/configmaps', { metadata: { name: 'conf' }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
        const cm = await k(['get', 'configmaps', '-n', 'team-b']);
        assert.deepEqual(header(cm.stdout), ['NAME', 'DATA', 'AGE']);
        assert.match(cm.stdout, /^conf\s+3\s+\d+s$/m);
        await create('/api/v1/namespaces/team-b/secrets', { metadata: { name: 'creds' }, type: 'Opaque', data: { user: 'YWRtaW4=', pass: 'cw==' } });
        const sec = await k(['get', 'secrets', '-n', 'team-b']);
        assert.deepEqual(header(sec.stdout), ['NAME', 'TYPE', 'DATA', 'AGE']);
        assert.match(sec.stdout, /^creds\s+Opaque\s+2\s+\d+s$/m);
        assert.equal((await k(['get', 'secret', 'creds', '-n', 'team-b', '-o', 'jsonpath={.data.user}'])).stdout, 'YWRtaW4=');
    });
});
describe('wait', () => {
    it('--for=jsonpath={.status.phase}=Running returns once the status says so', async () => {
        await create(P, pod('waiter'));
        const w = start(['wait', 'pod/waiter', '--for=jsonpath={.status.phase}=Running', '--timeout=20s']);
        await new Promise((r) => setTimeout(r, 700));
        assert.equal(w.out(), '', 'still waiting while Pending');
        await setStatus('waiter', { phase: 'Running' });
        assert.equal(await w.exit, 0, w.err());
        assert.equal(w.out().trim(), 'pod/waiter condition met');
    });
    it('--for=condition=Ready returns once the Ready condition is True, and times out otherwise', async () => {
        const w = start(['wait', 'pod/waiter', '--for=condition=Ready', '--timeout=20s']);
        await new Promise((r) => setTimeout(r, 700));
        await setStatus('waiter', { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] });
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(w.out(), '');
        await setStatus('waiter', { conditions: [{ type: 'Ready', status: 'True' }] });
        assert.equal(await w.exit, 0, w.err());
        assert.equal(w.out().trim(), 'pod/waiter condition met');
        const late = await k(['wait', 'pod/waiter', '--for=condition=PodScheduled', '--timeout=1s']);
        assert.notEqual(late.code, 0);
        assert.match(late.stderr, /timed out waiting for the condition on pods\/waiter/);
    });
    it('--for=delete returns once the pod is gone', async () => {
        const w = start(['wait', 'pod/waiter', '--for=delete', '--timeout=20s']);
        await new Promise((r) => setTimeout(r, 700));
        assert.equal(w.out(), '');
        assert.equal((await api.call('DELETE', `${P}/waiter`)).status, 200);
        assert.equal(await w.exit, 0, w.err());
        assert.equal(w.out().trim(), 'pod/waiter condition met');
        const gone = await k(['wait', 'pod/never-was', '--for=delete', '--timeout=2s']);
        assert.equal(gone.code, 0, gone.stderr);
    });
});
describe('create, replace, edit', () => {
    // No API-access volume: as upstream, a Pod that has one cannot be replaced by a manifest without it.
    const manifest = (image, label) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: crud\n  labels:\n    stage: ${label}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: c\n    image: ${image}\n`;
    it('create -f creates and refuses to create twice', async () => {
        const file = join(work, 'crud.yaml');
        writeFileSync(file, manifest('busybox:1.36', 'one'));
        const r = await k(['create', '-f', file]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'pod/crud created');
        const again = await k(['create', '-f', file]);
        assert.notEqual(again.code, 0);
        assert.match(again.stderr, /Error from server \(AlreadyExists\).*pods "crud" already exists/);
        const stored = (await api.call('GET', `${P}/crud`)).body;
        assert.equal(stored.spec.containers[0].image, 'busybox:1.36');
        assert.equal(stored.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
        const cm = await k(['create', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: made\ndata:\n  k: v\n' });
        assert.equal(cm.stdout.trim(), 'configmap/made created');
        assert.deepEqual((await api.call('GET', '/api/v1/namespaces/default/configmaps/made')).body.data, { k: 'v' });
    });
    // kubectl's generator subcommands (create configmap|secret|namespace|serviceaccount) use the typed
    // clientset, which sends the object as protobuf (application/vnd.kubernetes.protobuf) and does not
    // fall back to JSON on 415.
    it('create configmap --from-literal (a protobuf request body)', async () => {
        const r = await k(['create', 'configmap', 'literal', '--from-literal=k=v']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'configmap/literal created');
        assert.deepEqual((await api.call('GET', '/api/v1/namespaces/default/configmaps/literal')).body.data, { k: 'v' });
    });
    it('replace -f replaces the pod', async () => {
        const file = join(work, 'crud2.yaml');
        writeFileSync(file, manifest('busybox:1.37', 'two'));
        const r = await k(['replace', '-f', file]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'pod/crud replaced');
        const stored = (await api.call('GET', `${P}/crud`)).body;
        assert.equal(stored.spec.containers[0].image, 'busybox:1.37');
        assert.deepEqual(stored.metadata.labels, { stage: 'two' });
        // A change the server forbids comes back as kubectl's "is invalid" error, and changes nothing.
        writeFileSync(file, manifest('busybox:1.37', 'two').replace('- name: c\n', '- name: renamed\n'));
        const bad = await k(['replace', '-f', file]);
        assert.notEqual(bad.code, 0);
        assert.match(bad.stderr, /The Pod "crud" is invalid: spec: Forbidden: pod updates may not change fields other than/);
        assert.equal((await api.call('GET', `${P}/crud`)).body.spec.containers[0].name, 'c');
    });
    it('edit applies what the editor changed', async () => {
        const r = await k(['edit', 'pod', 'crud'], { env: { KUBE_EDITOR: 'sed -i -e s/busybox:1.37/busybox:1.38/ -e s/stage:\\ two/stage:\\ edited/' } });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'pod/crud edited');
        const stored = (await api.call('GET', `${P}/crud`)).body;
        assert.equal(stored.spec.containers[0].image, 'busybox:1.38');
        assert.equal(stored.metadata.labels.stage, 'edited');
        const same = await k(['edit', 'pod', 'crud'], { env: { KUBE_EDITOR: 'true' } });
        assert.equal(same.code, 0, same.stderr);
        assert.match(same.stdout + same.stderr, /Edit cancelled, no changes made/);
        const cm = await k(['edit', 'cm', 'made'], { env: { KUBE_EDITOR: 'sed -i s/k:\\ v/k:\\ edited/' } });
        assert.equal(cm.stdout.trim(), 'configmap/made edited');
        assert.deepEqual((await api.call('GET', '/api/v1/namespaces/default/configmaps/made')).body.data, { k: 'edited' });
    });
});
describe('delete', () => {
    it('a pod on a node is deleted gracefully (Terminating), and at once with --grace-period=0 --force', async () => {
        await create(P, { ...pod('bound'), spec: { nodeName: 'node-a', containers: [{ name: 'c', image: 'busybox' }] } });
        await create(P, { ...pod('bound2'), spec: { nodeName: 'node-a', containers: [{ name: 'c', image: 'busybox' }] } });
        const graceful = await k(['delete', 'pod', 'bound2', '--wait=false']);
        assert.equal(graceful.code, 0, graceful.stderr);
        assert.equal(graceful.stdout.trim(), 'pod "bound2" deleted');
        const held = (await api.call('GET', `${P}/bound2`)).body;
        assert.equal(held.metadata.deletionGracePeriodSeconds, 30);
        assert.match((await k(['get', 'pod', 'bound2', '--no-headers'])).stdout, /^bound2\s+0\/1\s+Terminating\s+0\s+\d+s\n$/);
        const forced = await k(['delete', 'pod', 'bound', '--grace-period=0', '--force']);
        assert.equal(forced.code, 0, forced.stderr);
        assert.match(forced.stderr, /Immediate deletion does not wait for confirmation that the running resource has been terminated/);
        assert.equal(forced.stdout.trim(), 'pod "bound" force deleted');
        assert.equal((await api.call('GET', `${P}/bound`)).status, 404);
        const forced2 = await k(['delete', 'po', 'bound2', '--grace-period=0', '--force']);
        assert.equal(forced2.code, 0, forced2.stderr);
        assert.equal((await api.call('GET', `${P}/bound2`)).status, 404);
    });
    it('delete -l removes exactly the matching pods', async () => {
        for (const [name, app] of [['l1', 'gone'], ['l2', 'gone'], ['l3', 'stays']])
            await create(P, { ...pod(name), metadata: { name, labels: { app } } });
        const r = await k(['delete', 'pods', '-l', 'app=gone']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(lines(r.stdout).sort(), ['pod "l1" deleted', 'pod "l2" deleted']);
        const left = (await api.call('GET', `${P}?labelSelector=app+in+(gone,stays)`)).body.items.map((p) => p.metadata.name);
        assert.deepEqual(left, ['l3']);
        const none = await k(['delete', 'pods', '-l', 'app=nothing']);
        assert.equal(none.code, 0);
        assert.equal(none.stdout, 'No resources found\n');
    });
});
describe('short names and get all', () => {
    it('po, no, ns, ev, cm and sa resolve to their resources', async () => {
        // berth has no ServiceAccount controller: namespaces get no "default" account, so make one.
        await create('/api/v1/namespaces/team-b/serviceaccounts', { metadata: { name: 'builder' }, secrets: [{ name: 'creds' }] });
        const cases = [
            ['po', /^pod\/l3$/m],
            ['no', /^node\/node-a$/m],
            ['ns', /^namespace\/team-b$/m],
            ['ev', /^event\/described\.1$/m],
            ['cm', /^configmap\/made$/m],
            ['sa', /^serviceaccount\/builder$/m],
        ];
        for (const [short, want] of cases) {
            const r = await k(['get', short, '-A', '-o', 'name']);
            assert.equal(r.code, 0, `${short}: ${r.stderr}`);
            assert.match(r.stdout, want, short);
        }
        const sa = await k(['get', 'sa', '-n', 'team-b']);
        assert.deepEqual(header(sa.stdout), ['NAME', 'SECRETS', 'AGE']);
        assert.match(sa.stdout, /^builder\s+1\s+\d+s$/m);
    });
    it('get all lists the pods of a namespace that holds no workloads', async () => {
        const r = await k(['get', 'all', '-n', 'team-b']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(header(r.stdout), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        // "all" names several resources (pods, deployments, replicasets), so kubectl prints kind/name.
        assert.deepEqual(lines(r.stdout).slice(1).map((l) => l.split(/\s+/)[0]).sort(), ['pod/alpha', 'pod/mid', 'pod/zeta']);
        const named = await k(['get', 'all', '-n', 'team-b', '-o', 'name']);
        assert.deepEqual(lines(named.stdout).sort(), ['pod/alpha', 'pod/mid', 'pod/zeta']);
        const empty = await k(['get', 'all', '-n', 'kube-node-lease']);
        assert.equal(empty.code, 0);
        assert.match(empty.stderr, /No resources found in kube-node-lease namespace/);
    });
});
//# sourceMappingURL=kubectl-commands.test.js.map