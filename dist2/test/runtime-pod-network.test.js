// A Pod's containers share one network namespace and reach each other over localhost; Pods reach each
// other by IP over the bridge; and teardown leaves no namespace, veth or mount behind.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { makeTestRuntime } from './support/rootfs.js';
let env;
before(async () => { env = await makeTestRuntime(); });
after(async () => { await env?.cleanup(); });
function sandboxConfig(name, extra = {}) {
    return {
        podUid: `uid-${name}-${Date.now()}`, podName: name, namespace: 'default', hostname: name,
        hostsFile: `127.0.0.1 localhost\n10.1.2.3 ${name}.example\n`, resolvConf: 'nameserver 10.96.0.10\n', ...extra,
    };
}
function containerConfig(name, argv, extra = {}) {
    return { name, imageRef: 'busybox', argv, env: [], mounts: [], logPath: env.logPath(name), labels: { name }, ...extra };
}
async function runContainer(sandboxId, name, argv) {
    const id = await env.runtime.createContainer(sandboxId, containerConfig(name, argv));
    await env.runtime.startContainer(id);
    return id;
}
const sh = (id, script) => env.runtime.execSync(id, ['sh', '-c', script], 10);
const hostLinks = () => execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
test('two containers of a Pod share the IP and talk over localhost; /etc/hosts is the sandbox file', async () => {
    const t0 = Date.now();
    const sb = await env.runtime.runPodSandbox(sandboxConfig('web'));
    const server = await runContainer(sb, 'server', ['httpd', '-f', '-p', '8080', '-h', '/etc']);
    const client = await runContainer(sb, 'client', ['sleep', '3600']);
    const elapsed = Date.now() - t0;
    const [status] = (await env.runtime.listPodSandboxes()).filter((s) => s.id === sb);
    assert.equal(status.state, 'ready');
    assert.match(status.ip ?? '', /^10\.\d+\.\d+\.\d+$/);
    const ipOf = async (id) => (await sh(id, "ip -4 -o addr show eth0 | awk '{print $4}'")).stdout.toString().trim();
    assert.equal(await ipOf(server), `${status.ip}/24`);
    assert.equal(await ipOf(client), `${status.ip}/24`);
    const got = await sh(client, 'wget -q -O - http://127.0.0.1:8080/hostname');
    assert.equal(got.exitCode, 0, got.stderr.toString());
    assert.equal(got.stdout.toString(), 'web\n');
    assert.match((await sh(client, 'cat /etc/hosts')).stdout.toString(), /10\.1\.2\.3 web\.example/);
    assert.equal((await sh(client, 'hostname')).stdout.toString(), 'web\n');
    console.log(`# sandbox + 2 containers running in ${elapsed} ms`);
});
test('two Pods reach each other by IP, and portForward reaches a Pod-local port', async () => {
    const a = await env.runtime.runPodSandbox(sandboxConfig('a'));
    const b = await env.runtime.runPodSandbox(sandboxConfig('b'));
    await runContainer(a, 'a-server', ['httpd', '-f', '-p', '127.0.0.1:9090', '-h', '/etc']);
    await runContainer(a, 'a-public', ['httpd', '-f', '-p', '8081', '-h', '/etc']);
    const bClient = await runContainer(b, 'b-client', ['sleep', '3600']);
    const ipA = (await env.runtime.listPodSandboxes()).find((s) => s.id === a).ip;
    const got = await sh(bClient, `wget -q -O - http://${ipA}:8081/hostname`);
    assert.equal(got.stdout.toString(), 'a\n', got.stderr.toString());
    const socket = await env.runtime.portForward(a, 9090);
    socket.write('GET /hostname HTTP/1.0\r\n\r\n');
    const chunks = [];
    for await (const c of socket)
        chunks.push(c);
    assert.match(Buffer.concat(chunks).toString(), /200 OK[\s\S]*\r\n\r\na\n$/);
});
test('removing sandboxes leaves no network namespace, veth, mount or cgroup behind', async () => {
    const pods = await env.runtime.listPodSandboxes();
    for (const s of pods)
        await env.runtime.removePodSandbox(s.id);
    assert.deepEqual(await env.runtime.listPodSandboxes(), []);
    assert.deepEqual(await env.runtime.listContainers(), []);
    assert.deepEqual(await readdir(`${env.opts.root}/netns`), []);
    assert.doesNotMatch(execFileSync('cat', ['/proc/self/mountinfo'], { encoding: 'utf8' }), new RegExp(env.dir));
    assert.doesNotMatch(hostLinks(), new RegExp(`master ${env.bridge} `));
    for (const s of pods)
        assert.equal(existsSync(`/sys/fs/cgroup/memory${env.cgroupRoot}/pod-${s.podUid}`), false);
});
//# sourceMappingURL=runtime-pod-network.test.js.map