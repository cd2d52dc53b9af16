// Datastore benchmark: durable Pod creates/s at 64 clients on a berth server on etcd, beside the
// same on SQLite and beside raw etcd puts of the same bytes through the same client library (etcd3,
// the ceiling), all in one run; and the server's memory when idle on each store.
import { performance } from 'node:perf_hooks';
import { connectEtcd } from '../src/store/etcd-connect.js';
import { startEtcd } from '../test/support/etcd.js';
import { startServer } from '../test/support/server.js';
import { loadgen, readyz, rssMb } from './apiserver.js';
import { summarize, table } from './stats.js';
const CLIENTS = 64;
const CREATES = 4000;
/** CREATES Pods from CLIENTS clients split over two processes, so one client process's CPU is not the limit. */
export async function creates(server) {
    const start = performance.now();
    const results = await Promise.all([0, 1].map((p) => loadgen(server.kubeconfig, `ds-${p}`, CREATES / 2, CLIENTS / 2)));
    const rate = CREATES / ((performance.now() - start) / 1000);
    const st = summarize(results.flatMap((r) => r.lat));
    return { rate, p50: st.p50, p99: st.p99 };
}
/** A started server after a second of quiet: what it holds when nothing happens. */
export async function idleServer(args) {
    const server = await startServer({ args });
    while (!(await readyz(server.url)))
        await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 1000));
    return { server, rss: rssMb(server.process.pid) };
}
/** The ceiling: CLIENTS concurrent writers putting `value` under fresh keys, one put at a time each. */
export async function rawEtcdPuts(endpoints, value) {
    const client = await connectEtcd({ endpoints });
    const lat = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (next < CREATES) {
            const key = Buffer.from(`/bench/raw/p-${next++}`);
            const s = performance.now();
            await client.kv.put({ key, value });
            lat.push(performance.now() - s);
        }
    }));
    const rate = CREATES / ((performance.now() - start) / 1000);
    client.close();
    const st = summarize(lat);
    return { rate, p50: st.p50, p99: st.p99 };
}
export async function benchDatastore() {
    const out = ['## Datastore: berth on etcd beside SQLite and raw etcd'];
    const etcd = await startEtcd({ clientPort: 23796, peerPort: 23797 });
    try {
        const onSqlite = await idleServer([]);
        const sqlite = await creates(onSqlite.server);
        await onSqlite.server.dispose();
        const etcdIdle = rssMb(etcd.process.pid);
        const onEtcd = await idleServer(['--datastore-endpoint', etcd.endpoint]);
        const berthEtcd = await creates(onEtcd.server);
        await onEtcd.server.dispose();
        // The very bytes berth stored for one of its Pods.
        const client = await connectEtcd({ endpoints: [etcd.endpoint] });
        const stored = (await client.kv.range({ key: Buffer.from('/registry/pods/default/ds-0-0') })).kvs[0].value;
        client.close();
        const raw = await rawEtcdPuts([etcd.endpoint], stored);
        out.push(table([
            [`durable Pod creates, ${CLIENTS} clients (${stored.length}-byte Pods)`, 'creates/s', 'p50 ms', 'p99 ms'],
            ['berth on etcd', Math.round(berthEtcd.rate), berthEtcd.p50, berthEtcd.p99],
            ['berth on SQLite', Math.round(sqlite.rate), sqlite.p50, sqlite.p99],
            ['raw etcd puts, same bytes, etcd3 client (ceiling)', Math.round(raw.rate), raw.p50, raw.p99],
            ['ratio berth on etcd / raw etcd', berthEtcd.rate / raw.rate, '', ''],
            ['ratio berth on etcd / berth on SQLite', berthEtcd.rate / sqlite.rate, '', ''],
        ]));
        out.push('');
        out.push(table([
            ['RSS idle', 'MB'],
            ['berth server on SQLite', Math.round(onSqlite.rss)],
            ['berth server on etcd', Math.round(onEtcd.rss)],
            ['etcd (single member, empty)', Math.round(etcdIdle)],
        ]));
    }
    finally {
        await etcd.stop();
    }
    return out.join('\n');
}
//# sourceMappingURL=datastore.js.map