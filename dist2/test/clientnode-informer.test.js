// @kubernetes/client-node 2.x informers (makeInformer = list + watch) against a real berth server:
// they keep a correct cache across a server restart and across a watch resumed from a
// resourceVersion the server no longer holds (410 Expired → relist).
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { loadClientNode } from './support/clientnode.js';
import { startServer } from './support/server.js';
import { until as waitUntil } from './support/wait.js';
const k8s = await loadClientNode();
const NS = 'default';
const PATH = `/api/v1/namespaces/${NS}/configmaps`;
const cleanups = [];
after(async () => {
    for (const c of cleanups.reverse())
        await c();
});
async function freePort() {
    const s = createServer();
    await new Promise((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = s.address().port;
    await new Promise((r) => s.close(() => r()));
    return port;
}
const until = (what, cond, ms = 20_000) => waitUntil(what, async () => (await cond()) || undefined, ms, 50);
/** The test's own ConfigMaps: not kube-root-ca.crt, which the root CA publisher keeps in every namespace. */
const ours = (c) => c.metadata?.name !== 'kube-root-ca.crt';
/**
 * An informer on the default namespace's configmaps, used the way client-node's README shows: its
 * error handler starts it again after a pause (an informer stops on a connection error).
 */
async function track(kc) {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    let stopped = false;
    const t = {
        informer: undefined,
        events: [],
        lists: 0,
        errors: [],
        cache: () => Object.fromEntries(t.informer.list(NS).filter(ours).map((c) => [c.metadata.name, c.metadata.resourceVersion])),
        async stop() {
            stopped = true;
            await t.informer.stop();
        },
    };
    t.informer = k8s.makeInformer(kc, PATH, () => {
        t.lists++;
        return core.listNamespacedConfigMap({ namespace: NS });
    });
    t.informer.on('add', (o) => ours(o) && t.events.push(`add ${o.metadata.name}`));
    t.informer.on('update', (o) => ours(o) && t.events.push(`update ${o.metadata.name} ${o.data?.v ?? ''}`));
    t.informer.on('delete', (o) => ours(o) && t.events.push(`delete ${o.metadata.name}`));
    t.informer.on('error', (err) => {
        t.errors.push(err);
        if (!stopped)
            setTimeout(() => void t.informer.start().catch(() => { }), 200);
    });
    await t.informer.start();
    cleanups.push(() => t.stop());
    return t;
}
/** name → resourceVersion as the server has it. */
async function serverState(kubeconfig) {
    const api = await apiFor(kubeconfig);
    try {
        const r = await api.call('GET', PATH);
        return Object.fromEntries(r.body.items.filter(ours).map((c) => [c.metadata.name, c.metadata.resourceVersion]));
    }
    finally {
        api.close();
    }
}
const cm = (name, v) => ({ metadata: { name }, data: { v } });
describe('an informer', () => {
    it('keeps working across a server restart, catching up on what changed while it was away', async () => {
        const port = await freePort();
        let server = await startServer({ args: ['--port', String(port)] });
        cleanups.push(() => server.dispose());
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(server.kubeconfig);
        const core = kc.makeApiClient(k8s.CoreV1Api);
        await core.createNamespacedConfigMap({ namespace: NS, body: cm('before', '1') });
        await core.createNamespacedConfigMap({ namespace: NS, body: cm('doomed', '1') });
        const inf = await track(kc);
        await until('the initial list', () => inf.events.length === 2);
        assert.deepEqual(inf.events.sort(), ['add before', 'add doomed']);
        await core.createNamespacedConfigMap({ namespace: NS, body: cm('live', '1') });
        await until('a watched ADDED', () => inf.events.includes('add live'));
        await server.stop();
        await until('the informer to notice the server is gone', () => inf.errors.length > 0);
        server = await startServer({ dataDir: server.dataDir, args: ['--port', String(port)] });
        // Changes made right after the restart, likely before the informer has reconnected.
        await core.replaceNamespacedConfigMap({ namespace: NS, name: 'before', body: cm('before', '2') });
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'doomed' });
        await core.createNamespacedConfigMap({ namespace: NS, body: cm('after', '1') });
        const want = await serverState(server.kubeconfig);
        await until('the informer cache to match the server', () => sameKeys(inf.cache(), want));
        assert.deepEqual(inf.cache(), want);
        assert.ok(inf.events.includes('update before 2'), inf.events.join(', '));
        assert.ok(inf.events.includes('delete doomed'), inf.events.join(', '));
        assert.ok(inf.events.includes('add after'), inf.events.join(', '));
        // And its watch is live again.
        await core.createNamespacedConfigMap({ namespace: NS, body: cm('later', '1') });
        await until('an event on the new watch', () => inf.events.includes('add later'));
        assert.equal(inf.informer.get('later', NS)?.data?.v, '1');
        await inf.stop();
    });
    it('relists after its watch is cut long enough for the server to answer 410 Expired, and lands on the server\'s state', async () => {
        const server = await startServer({ args: ['--watch-cache-size', '5'] });
        cleanups.push(() => server.dispose());
        const direct = new k8s.KubeConfig();
        direct.loadFromFile(server.kubeconfig);
        const core = direct.makeApiClient(k8s.CoreV1Api);
        for (const n of ['keep', 'change', 'drop'])
            await core.createNamespacedConfigMap({ namespace: NS, body: cm(n, '1') });
        // The informer reaches the server through a TCP relay that the test can cut.
        const relay = await startRelay(new URL(server.url).port);
        cleanups.push(() => relay.close());
        const viaRelay = new k8s.KubeConfig();
        viaRelay.loadFromOptions({
            clusters: direct.clusters.map((c) => ({ ...c, server: `https://127.0.0.1:${relay.port}` })),
            users: direct.users,
            contexts: direct.contexts,
            currentContext: direct.currentContext,
        });
        const inf = await track(viaRelay);
        await until('the initial list', () => Object.keys(inf.cache()).length === 3);
        const rvBeforeCut = inf.informer.latestResourceVersion();
        assert.equal(inf.lists, 1);
        relay.cut();
        await until('the informer to lose its watch', () => inf.errors.length > 0);
        // Far more changes than the server's window of 5 events keeps.
        for (let i = 2; i <= 12; i++)
            await core.replaceNamespacedConfigMap({ namespace: NS, name: 'change', body: cm('change', String(i)) });
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'drop' });
        for (let i = 0; i < 10; i++)
            await core.createNamespacedConfigMap({ namespace: NS, body: cm(`new-${i}`, '1') });
        // What the informer will meet on reconnecting: its resourceVersion is gone from the server's window.
        const expired = await new Promise((resolve, reject) => {
            const got = [];
            void new k8s.Watch(direct).watch(PATH, { resourceVersion: rvBeforeCut }, (type, obj) => got.push({ type, code: obj.code }), (err) => (err ? reject(err) : resolve(got)));
        });
        assert.deepEqual(expired, [{ type: 'ERROR', code: 410 }]);
        relay.restore();
        const want = await serverState(server.kubeconfig);
        await until('the informer cache to match the server', () => sameKeys(inf.cache(), want));
        assert.deepEqual(inf.cache(), want);
        assert.equal(inf.lists, 2, 'one relist, after the 410');
        assert.ok(inf.events.includes('delete drop'), inf.events.join(', '));
        assert.ok(inf.events.includes('update change 12'), inf.events.join(', '));
        assert.equal(inf.informer.get('change', NS)?.data?.v, '12');
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'keep' });
        await until('a watched DELETED after the relist', () => inf.events.includes('delete keep'));
        assert.equal(inf.informer.get('keep', NS), undefined);
        await inf.stop();
    });
});
function sameKeys(a, b) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
/** A TCP relay to 127.0.0.1:port. cut() drops every connection and refuses new ones until restore(). */
async function startRelay(port) {
    let down = false;
    const sockets = new Set();
    const server = createServer((client) => {
        if (down)
            return void client.destroy();
        const upstream = connect(Number(port), '127.0.0.1');
        for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => { });
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', () => r()));
    return {
        port: server.address().port,
        cut() {
            down = true;
            for (const s of sockets)
                s.destroy();
        },
        restore() {
            down = false;
        },
        close: () => {
            for (const s of sockets)
                s.destroy();
            return new Promise((r) => server.close(() => r()));
        },
    };
}
//# sourceMappingURL=clientnode-informer.test.js.map