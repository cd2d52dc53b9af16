// The RuntimeService contract on the fake runtime (fast, no root), and the fake's own scripting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../src/runtime/fake/clock.js';
import { FakeImages } from '../src/runtime/fake/images.js';
import { FakeRuntime } from '../src/runtime/fake/runtime.js';
import { runtimeConformance } from './support/runtime-conformance.js';
/** The harness's argv words, as the fake's programs. */
function program(argv) {
    const exec = (cmd) => ({ exitCode: Number(cmd[2]), stdout: `${cmd[1]}\n` });
    if (argv[0] === 'exit')
        return { exitAfterMs: 0, exitCode: Number(argv[1]) };
    if (argv[0] === 'trap-stop')
        return { onStop: 0, exec };
    if (argv[0] === 'ignore-stop')
        return { onStop: 'ignore', exec };
    return {};
}
runtimeConformance('FakeRuntime', async () => ({
    runtime: new FakeRuntime({ programFor: (cfg) => program(cfg.argv) }),
    exits: (code) => ['exit', String(code)],
    trapsStop: ['trap-stop'],
    ignoresStop: ['ignore-stop'],
    prints: (out, code) => ['print', out, String(code)],
    ready: async () => { },
    logPath: (name) => `/fake-logs/${name}.log`,
    dispose: async () => { },
}));
const sandbox = { podUid: 'u', podName: 'p', namespace: 'd', hostname: 'p', hostsFile: '', resolvConf: '' };
const container = (name) => ({ name, imageRef: 'busybox', argv: [name], env: [], mounts: [], logPath: `/l/${name}`, labels: {} });
test('scripted exits and failures: exit(id, code, reason), failNext once, timed exits on the injected clock', async () => {
    const clock = new ManualClock();
    const rt = new FakeRuntime({ clock, programFor: (c) => (c.name === 'timed' ? { exitAfterMs: 5_000, exitCode: 2 } : {}) });
    const sb = await rt.runPodSandbox(sandbox);
    rt.failNext('createContainer', new Error('boom'));
    await assert.rejects(rt.createContainer(sb, container('a')), /boom/);
    const a = await rt.createContainer(sb, container('a'));
    await rt.startContainer(a);
    rt.exit(a, 137, 'OOMKilled');
    assert.deepEqual(await rt.containerStatus(a).then((s) => [s?.state, s?.exitCode, s?.reason, s?.finishedAt]), ['exited', 137, 'OOMKilled', clock.now().toISOString()]);
    const timed = await rt.createContainer(sb, container('timed'));
    await rt.startContainer(timed);
    await clock.advance(4_999);
    assert.equal((await rt.containerStatus(timed))?.state, 'running');
    await clock.advance(1);
    const s = await rt.containerStatus(timed);
    assert.deepEqual([s?.state, s?.exitCode, Date.parse(s.finishedAt) - Date.parse(s.startedAt)], ['exited', 2, 5_000]);
});
test('fake images: present or pulled after the latency, names normalised, invalid names refused, in-use images kept', async () => {
    const clock = new ManualClock();
    const images = new FakeImages({ clock, pullLatencyMs: 2_000, pullable: (ref) => !ref.startsWith('private/') });
    images.present('busybox', { cmd: ['sh'] });
    assert.deepEqual((await images.imageStatus('docker.io/library/busybox:latest'))?.config, { cmd: ['sh'] });
    assert.equal(await images.imageStatus('nginx'), null);
    let pulled = false;
    const pull = images.pullImage('nginx:1.27').then(() => (pulled = true));
    await clock.advance(1_999);
    assert.equal(pulled, false);
    await clock.advance(1);
    await pull;
    assert.equal((await images.imageStatus('docker.io/library/nginx:1.27'))?.source, 'pulled from fake registry');
    const refused = assert.rejects(images.pullImage('private/x'), (e) => e.reason === 'ErrImagePull');
    await clock.advance(2_000);
    await refused;
    await assert.rejects(images.imageStatus('busybox:'), (e) => e.reason === 'InvalidImageName');
    await images.prepareRootfs('nginx:1.27', 'c1');
    await assert.rejects(images.removeImage('nginx:1.27'), (e) => e.reason === 'ImageInUse');
    await images.releaseRootfs('c1');
    await images.removeImage('nginx:1.27');
    assert.equal(await images.imageStatus('nginx:1.27'), null);
});
//# sourceMappingURL=runtime-conformance-fake.test.js.map