// Pod-level namespace choices: hostNetwork Pods use the node's network (and port-forward reaches the
// node's loopback), shareProcessNamespace lets containers see each other's processes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { makeTestRuntime } from './support/rootfs.js';
let env;
before(async () => { env = await makeTestRuntime(); });
after(async () => { await env?.cleanup(); });
const sandbox = (name, extra) => env.runtime.runPodSandbox({
    podUid: `uid-${name}-${Date.now()}`, podName: name, namespace: 'default', hostname: name, hostsFile: '', resolvConf: '', ...extra,
});
async function run(sb, name, argv) {
    const id = await env.runtime.createContainer(sb, { name, imageRef: 'busybox', argv, env: [], mounts: [], logPath: env.logPath(name), labels: {} });
    await env.runtime.startContainer(id);
    return id;
}
test('a hostNetwork Pod has no IP of its own, sees the node hostname and serves on the node loopback', async () => {
    const sb = await sandbox('hostnet', { hostNetwork: true });
    const [status] = (await env.runtime.listPodSandboxes()).filter((s) => s.id === sb);
    assert.equal(status.ip, undefined);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await run(sb, 'server', ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/etc']);
    assert.equal((await env.runtime.execSync(server, ['hostname'], 5)).stdout.toString().trim(), hostname());
    await new Promise((r) => setTimeout(r, 100));
    const socket = await env.runtime.portForward(sb, port);
    socket.end('GET /hostname HTTP/1.0\r\n\r\n');
    let reply = '';
    for await (const c of socket)
        reply += String(c);
    assert.match(reply, /^HTTP\/1\.[01] 200 OK/);
    await env.runtime.removePodSandbox(sb);
});
test('shareProcessNamespace lets one container see the processes of another', async () => {
    const shared = await sandbox('shared', { shareProcessNamespace: true });
    await run(shared, 'sleeper', ['sleep', '4242']);
    const looker = await run(shared, 'looker', ['sleep', '3600']);
    assert.match((await env.runtime.execSync(looker, ['ps', 'ax'], 5)).stdout.toString(), /sleep 4242/);
    const isolated = await sandbox('isolated', {});
    await run(isolated, 'sleeper2', ['sleep', '4242']);
    const looker2 = await run(isolated, 'looker2', ['sleep', '3600']);
    assert.doesNotMatch((await env.runtime.execSync(looker2, ['ps', 'ax'], 5)).stdout.toString(), /sleep 4242/);
});
//# sourceMappingURL=runtime-namespace-options.test.js.map