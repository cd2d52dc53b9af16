// The RuntimeService contract the kubelet relies on, written once and run against every runtime
// (the runc one under the e2e lock, the fake one in-process), as backendConformance is for stores.
// Each harness says how its containers are told what to do: exit, trap the stop signal, ignore it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isApiError } from '../../src/api/errors.js';
const sandboxConfig = (name, extra = {}) => ({
    podUid: `uid-${name}-${Date.now()}`, podName: name, namespace: 'default', hostname: name,
    hostsFile: '127.0.0.1 localhost\n', resolvConf: '', labels: { pod: name }, ...extra,
});
async function rejectsWith(p, code) {
    await assert.rejects(p, (e) => isApiError(e, code), `expected ${code}`);
}
export function runtimeConformance(name, newHarness) {
    describe(`RuntimeService conformance: ${name}`, () => {
        let h;
        let rt;
        let sandbox;
        let seq = 0;
        before(async () => {
            h = await newHarness();
            rt = h.runtime;
            sandbox = await rt.runPodSandbox(sandboxConfig('conf'));
        });
        after(async () => { await h?.dispose(); });
        const create = (argv, extra = {}, sb = sandbox) => {
            const cname = `c${++seq}`;
            return rt.createContainer(sb, { name: cname, imageRef: 'busybox', argv, env: [], mounts: [], logPath: h.logPath(cname), labels: { name: cname }, ...extra });
        };
        const run = async (argv, extra = {}, sb = sandbox) => {
            const id = await create(argv, extra, sb);
            await rt.startContainer(id);
            return id;
        };
        const waitExited = async (id) => {
            const deadline = Date.now() + 10_000;
            for (;;) {
                const s = await rt.containerStatus(id);
                if (s?.state === 'exited')
                    return s;
                if (Date.now() > deadline)
                    assert.fail(`container ${id} still ${s?.state}`);
                await new Promise((r) => setTimeout(r, 20));
            }
        };
        it('runs a sandbox, lists it ready with its Pod and labels; stop leaves it listed not ready; remove forgets it', async () => {
            const cfg = sandboxConfig('sb');
            const id = await rt.runPodSandbox(cfg);
            const listed = (await rt.listPodSandboxes()).find((s) => s.id === id);
            assert.equal(listed?.state, 'ready');
            assert.equal(listed.podUid, cfg.podUid);
            assert.deepEqual(listed.labels, { pod: 'sb' });
            assert.match(listed.ip ?? '', /^\d+\.\d+\.\d+\.\d+$/);
            assert.deepEqual(await rt.podSandboxStatus(id), listed);
            await rt.stopPodSandbox(id);
            await rt.stopPodSandbox(id);
            assert.equal((await rt.listPodSandboxes()).find((s) => s.id === id)?.state, 'notready');
            assert.equal((await rt.podSandboxStatus(id))?.state, 'notready');
            await rejectsWith(create(h.exits(0), {}, id), 'Conflict');
            await rt.removePodSandbox(id);
            await rt.removePodSandbox(id);
            assert.equal((await rt.listPodSandboxes()).find((s) => s.id === id), undefined);
            assert.equal(await rt.podSandboxStatus(id), null);
        });
        it('refuses a container in a sandbox that does not exist; what is gone is null, and its stop NotFound', async () => {
            await rejectsWith(create(h.exits(0), {}, 'no-such-sandbox'), 'NotFound');
            assert.equal(await rt.containerStatus('no-such-container'), null);
            await rejectsWith(rt.stopContainer('no-such-container', 0), 'NotFound');
            await rejectsWith(rt.startContainer('no-such-container'), 'NotFound');
            await rt.removeContainer('no-such-container');
            await rt.stopPodSandbox('no-such-sandbox');
            await rt.removePodSandbox('no-such-sandbox');
        });
        it('a created container is listed created with its name, image, labels and log path', async () => {
            const id = await create(h.exits(0), { labels: { name: 'x', role: 'created' } });
            const s = await rt.containerStatus(id);
            assert.deepEqual([s?.state, s?.sandboxId, s?.imageRef, s?.labels, s?.startedAt, s?.exitCode], ['created', sandbox, 'busybox', { name: 'x', role: 'created' }, undefined, undefined]);
            assert.equal(s?.logPath, h.logPath(s.name));
            await rt.removeContainer(id);
        });
        it('reports the exit code, reason and times of a container that ends by itself', async () => {
            const bad = await waitExited(await run(h.exits(7)));
            assert.deepEqual([bad.exitCode, bad.reason], [7, 'Error']);
            assert.ok(bad.startedAt && bad.finishedAt && bad.finishedAt >= bad.startedAt && bad.startedAt >= bad.createdAt);
            const good = await waitExited(await run(h.exits(0)));
            assert.deepEqual([good.exitCode, good.reason], [0, 'Completed']);
        });
        it('a container starts once: starting it again, running or exited, is refused', async () => {
            const exited = await run(h.exits(3));
            await waitExited(exited);
            await rejectsWith(rt.startContainer(exited), 'Conflict');
            const running = await run(h.trapsStop);
            await rejectsWith(rt.startContainer(running), 'Conflict');
            assert.equal((await rt.containerStatus(running))?.state, 'running');
            await rt.stopContainer(running, 0);
        });
        it('stop sends the stop signal, and SIGKILL once the timeout passes; stopping again is a no-op', async () => {
            const graceful = await run(h.trapsStop);
            const stubborn = await run(h.ignoresStop);
            await Promise.all([graceful, stubborn].map((id) => h.ready(id)));
            let t0 = Date.now();
            await rt.stopContainer(graceful, 10);
            assert.ok(Date.now() - t0 < 2_000);
            const g = await rt.containerStatus(graceful);
            assert.deepEqual([g?.state, g?.exitCode, g?.reason], ['exited', 0, 'Completed']);
            t0 = Date.now();
            await rt.stopContainer(stubborn, 1);
            const took = Date.now() - t0;
            assert.ok(took >= 1_000 && took < 4_000, `took ${took} ms`);
            const s = await rt.containerStatus(stubborn);
            assert.deepEqual([s?.state, s?.exitCode, s?.reason], ['exited', 137, 'Error']);
            await rt.stopContainer(stubborn, 1);
            assert.equal((await rt.containerStatus(stubborn))?.finishedAt, s?.finishedAt);
        });
        it('lists containers by sandbox and by every label given', async () => {
            const other = await rt.runPodSandbox(sandboxConfig('list'));
            const a = await create(h.exits(0), { labels: { app: 'l', tier: 'a' } }, other);
            const b = await create(h.exits(0), { labels: { app: 'l', tier: 'b' } }, other);
            const ids = async (f) => (await rt.listContainers(f)).map((c) => c.id).sort();
            assert.deepEqual(await ids({ sandboxId: other }), [a, b].sort());
            assert.deepEqual(await ids({ labels: { app: 'l' } }), [a, b].sort());
            assert.deepEqual(await ids({ labels: { app: 'l', tier: 'b' } }), [b]);
            assert.deepEqual(await ids({ sandboxId: sandbox, labels: { app: 'l' } }), []);
            assert.ok((await ids(undefined)).includes(a));
            await rt.removePodSandbox(other);
            assert.deepEqual(await ids({ sandboxId: other }), [], 'removing the sandbox removes its containers');
        });
        it('removing a running container kills it and forgets it', async () => {
            const id = await run(h.trapsStop);
            await rt.removeContainer(id);
            assert.equal(await rt.containerStatus(id), null);
            assert.ok(!(await rt.listContainers()).some((c) => c.id === id));
        });
        it('stopping a sandbox ends its running containers, which stay listed exited', async () => {
            const sb = await rt.runPodSandbox(sandboxConfig('stop'));
            const id = await run(h.ignoresStop, {}, sb);
            await rt.stopPodSandbox(sb);
            const s = await rt.containerStatus(id);
            assert.deepEqual([s?.state, s?.exitCode], ['exited', 137]);
            await rt.removePodSandbox(sb);
            assert.equal(await rt.containerStatus(id), null);
        });
        it('execs in a running container, with output and exit code; refuses one that is not running', async () => {
            const id = await run(h.trapsStop);
            await h.ready(id);
            const r = await rt.execSync(id, h.prints('hi', 3), 5);
            assert.deepEqual([r.exitCode, r.stdout.toString()], [3, 'hi\n']);
            const chunks = [];
            const { Writable } = await import('node:stream');
            const stdout = new Writable({ write(c, _e, cb) { chunks.push(Buffer.from(c)); cb(); } });
            assert.equal(await rt.exec(id, h.prints('there', 0), { stdout }), 0);
            assert.equal(Buffer.concat(chunks).toString(), 'there\n');
            await rt.stopContainer(id, 5);
            await rejectsWith(rt.execSync(id, h.prints('no', 0), 5), 'Conflict');
            await rejectsWith(rt.execSync('no-such-container', h.prints('no', 0), 5), 'NotFound');
        });
    });
}
//# sourceMappingURL=runtime-conformance.js.map