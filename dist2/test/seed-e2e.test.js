// The seed's examples, verbatim, driven by the real kubectl against `berth server` with its kubelet:
// real runc, real CNI, images built offline from Debian packages (once per run, then cached).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
const SEED = new URL('../../seed-manifests/', import.meta.url);
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
async function jsonpath(obj, path) {
    return (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
}
function httpGet(ip, path = '/') {
    return new Promise((resolve, reject) => {
        request({ host: ip, port: 80, path, timeout: 5000 }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve(body));
        })
            .on('error', reject)
            .end();
    });
}
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-seed-'));
    const store = new ImageStore({ root: join(dataDir, 'images') });
    for (const name of ['pause', 'busybox', 'debian', 'nginx'])
        await buildImage(name, { store, log: (l) => process.stderr.write(`  [build ${name}] ${l}\n`) });
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
});
after(async () => {
    await k(['delete', 'pods', '--all', '--grace-period=1']);
    await server.dispose();
});
describe('the seed, verbatim', () => {
    it('two-containers: debian writes the page into the shared hostPath, nginx serves it at the Pod IP', async () => {
        const r = await k(['apply', '-f', '-'], readFileSync(new URL('two-containers.yaml', SEED), 'utf8'));
        assert.equal(r.code, 0, r.stderr);
        const state = await until('debian-container Completed', async () => {
            const s = await jsonpath('pod/two-containers', '{.status.containerStatuses[?(@.name=="debian-container")].state.terminated.reason}');
            return s === 'Completed' && s;
        });
        assert.equal(state, 'Completed');
        const ip = await until('a pod IP', async () => (await jsonpath('pod/two-containers', '{.status.podIP}')) || undefined);
        const page = await until('nginx serving the page', () => httpGet(ip).then((b) => b.includes('Hello') && b, () => undefined));
        assert.equal(page.trim(), 'Hello from the debian container');
        assert.equal(await jsonpath('pod/two-containers', '{.status.phase}'), 'Running');
        const get = await k(['get', 'pod', 'two-containers']);
        assert.match(get.stdout, /two-containers\s+1\/2\s+NotReady\s+0/);
        const events = await k(['describe', 'pod', 'two-containers']);
        assert.match(events.stdout, /Successfully assigned default\/two-containers/);
        // docker.io cannot be reached here: the Event says so, and names the image's true origin.
        assert.match(events.stdout, /could not be pulled .*using the image present on machine, built locally from Debian packages \(nginx-light/s);
    });
    it('lifecycle-demo: postStart leaves its message, preStop quits nginx before the kill', async () => {
        const r = await k(['apply', '-f', '-'], readFileSync(new URL('lifecycle-demo.yaml', SEED), 'utf8'));
        assert.equal(r.code, 0, r.stderr);
        await until('Running', async () => (await jsonpath('pod/lifecycle-demo', '{.status.phase}')) === 'Running');
        const msg = await until('the postStart message', async () => {
            const e = await k(['exec', 'lifecycle-demo', '--', 'cat', '/usr/share/message']);
            return e.code === 0 && e.stdout;
        });
        assert.equal(msg.trim(), 'Hello from the postStart handler');
        const t0 = Date.now();
        const d = await k(['delete', 'pod', 'lifecycle-demo']);
        assert.equal(d.code, 0, d.stderr);
        // nginx -s quit makes nginx exit well before the 30 s grace period ends.
        assert.ok(Date.now() - t0 < 25_000, `deletion took ${Date.now() - t0} ms`);
    });
});
//# sourceMappingURL=seed-e2e.test.js.map