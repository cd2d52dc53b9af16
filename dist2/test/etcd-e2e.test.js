// `berth server --datastore-endpoint`: a real berth server (control plane only) on a real etcd, used
// with the real kubectl. Objects live in etcd (resourceVersion is etcd's mod_revision, no SQLite file
// is made), a kubectl watch sees what kubectl creates, and a restarted server finds everything again.
// Over https with client certificates as well; a bad endpoint stops the start with a clear reason.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensurePki, issueCertificate } from '../src/apiserver/auth/certs.js';
import { connectEtcd } from '../src/store/etcd-connect.js';
import { EtcdBackend } from '../src/store/etcd.js';
import { unscheduledPod } from './support/api.js';
import { startEtcd } from './support/etcd.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer } from './support/server.js';
import { until } from './support/wait.js';
const podYaml = (name) => JSON.stringify(unscheduledPod(name));
/** The stored resourceVersion of a Pod, read from etcd itself. */
async function etcdRevision(endpoint, name, tls) {
    const store = new EtcdBackend(await connectEtcd({ endpoints: [endpoint], ...tls }), { compactIntervalMs: 0 });
    try {
        return (await store.get(`/registry/pods/default/${name}`))?.modRevision;
    }
    finally {
        await store.close();
    }
}
describe('berth server on etcd', () => {
    let etcd;
    let server;
    before(async () => {
        etcd = await startEtcd({ clientPort: 23792, peerPort: 23793 });
    });
    after(async () => {
        await server?.dispose();
        await etcd?.stop();
    });
    it('keeps Pods in etcd: kubectl creates, gets and watches them, and a restarted server still has them', async () => {
        server = await startServer({ args: ['--datastore-endpoint', etcd.endpoint] });
        const watch = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, '--cache-dir', join(server.dataDir, 'kubectl-cache'), 'get', 'pods', '--watch', '--output-watch-events', '--no-headers'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let watched = '';
        watch.stdout.on('data', (d) => (watched += d.toString()));
        try {
            const created = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: podYaml('web') });
            assert.equal(created.code, 0, created.stderr);
            assert.equal(created.stdout.trim(), 'pod/web created');
            await until('the watch to print the new Pod', () => /ADDED\s+web\s/.test(watched), 15_000);
            const deleted = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: podYaml('gone') });
            assert.equal(deleted.code, 0, deleted.stderr);
            assert.equal((await kubectl(server.kubeconfig, ['delete', 'pod', 'gone', '--wait=false'])).code, 0);
            await until('the watch to print the deletion', () => /DELETED\s+gone\s/.test(watched), 15_000);
        }
        finally {
            watch.kill();
        }
        const got = await kubectl(server.kubeconfig, ['get', 'pod', 'web', '-o', 'jsonpath={.metadata.uid} {.metadata.resourceVersion}']);
        assert.equal(got.code, 0, got.stderr);
        const [uid, rv] = got.stdout.split(' ');
        assert.equal(Number(rv), await etcdRevision(etcd.endpoint, 'web'), "the Pod's resourceVersion is its mod_revision in etcd");
        assert.ok(!existsSync(join(server.dataDir, 'state.db')), 'nothing is kept in SQLite');
        await server.stop();
        server = await startServer({ dataDir: server.dataDir, args: ['--datastore-endpoint', etcd.endpoint] });
        const again = await kubectl(server.kubeconfig, ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.metadata.resourceVersion}{"\\n"}{end}']);
        assert.equal(again.code, 0, again.stderr);
        assert.equal(again.stdout.trim(), `web ${uid} ${rv}`, 'the same Pod, same uid and resourceVersion; the deleted one stays deleted');
        // And it is writable: a label lands as a new etcd revision.
        const labelled = await kubectl(server.kubeconfig, ['label', 'pod', 'web', 'tier=front']);
        assert.equal(labelled.code, 0, labelled.stderr);
        const rv2 = (await kubectl(server.kubeconfig, ['get', 'pod', 'web', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
        assert.ok(Number(rv2) > Number(rv));
        assert.equal(Number(rv2), await etcdRevision(etcd.endpoint, 'web'));
    });
    it('refuses to start on an endpoint that is not an etcd URL or does not answer, saying why', async () => {
        const dataDir = await mkdtemp(join(tmpdir(), 'berth-test-'));
        try {
            const run = (endpoint) => new Promise((resolve) => {
                const child = spawn(process.execPath, [BERTH_BIN, 'server', '--data-dir', dataDir, '--port', '0', '--disable-agent', '--datastore-endpoint', endpoint], { stdio: ['ignore', 'ignore', 'pipe'] });
                let stderr = '';
                child.stderr.on('data', (d) => {
                    stderr += d.toString();
                    // Started after all: stop it, and let the assertions below say so.
                    if (stderr.includes('listening on'))
                        child.kill();
                });
                child.once('exit', (code) => resolve({ code, stderr }));
            });
            const notUrl = await run('127.0.0.1:2379');
            assert.notEqual(notUrl.code, 0);
            assert.match(notUrl.stderr, /--datastore-endpoint: 127\.0\.0\.1:2379 is not/);
            // 23799: in the etcd tests' range, where nothing listens.
            const silent = await run('http://127.0.0.1:23799');
            assert.notEqual(silent.code, 0);
            assert.match(silent.stderr, /cannot reach etcd at http:\/\/127\.0\.0\.1:23799/);
        }
        finally {
            await rm(dataDir, { recursive: true, force: true });
        }
    });
});
describe('berth server on etcd over https', () => {
    let pki;
    let etcd;
    before(async () => {
        pki = await mkdtemp(join(tmpdir(), 'berth-etcd-pki-'));
        await ensurePki(pki, ['localhost'], ['127.0.0.1']);
        await issueCertificate(pki, 'etcd-server', { cn: 'etcd' }, 'server', ['IP:127.0.0.1']);
        await issueCertificate(pki, 'etcd-client', { cn: 'berth' }, 'client');
        etcd = await startEtcd({ clientPort: 23794, peerPort: 23795, tls: { cert: join(pki, 'etcd-server.crt'), key: join(pki, 'etcd-server.key'), ca: join(pki, 'ca.crt') } });
    });
    after(async () => {
        await etcd?.stop();
        await rm(pki, { recursive: true, force: true });
    });
    it('stores through a client certificate with --datastore-cafile/certfile/keyfile', async () => {
        const tls = { caFile: join(pki, 'ca.crt'), certFile: join(pki, 'etcd-client.crt'), keyFile: join(pki, 'etcd-client.key') };
        const server = await startServer({ args: ['--datastore-endpoint', etcd.endpoint, '--datastore-cafile', tls.caFile, '--datastore-certfile', tls.certFile, '--datastore-keyfile', tls.keyFile] });
        try {
            const created = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: podYaml('secure') });
            assert.equal(created.code, 0, created.stderr);
            const rv = (await kubectl(server.kubeconfig, ['get', 'pod', 'secure', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
            assert.equal(Number(rv), await etcdRevision(etcd.endpoint, 'secure', tls));
        }
        finally {
            await server.dispose();
        }
        // Without a client certificate etcd turns berth away, and berth says so.
        await assert.rejects(connectEtcd({ endpoints: [etcd.endpoint], caFile: tls.caFile }), /cannot reach etcd at https:\/\/127\.0\.0\.1:23794/);
    });
});
//# sourceMappingURL=etcd-e2e.test.js.map