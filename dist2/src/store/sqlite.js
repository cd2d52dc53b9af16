// The embedded store: the Backend over the SQLite log, which runs on a worker thread (see
// sqlite-worker.ts). A write resolves only after its transaction is on disk (WAL + synchronous=FULL);
// writes that arrive together share one commit.
import { Worker } from 'node:worker_threads';
import { AsyncQueue } from '../util/asyncqueue.js';
import { asBuffer } from './bytes.js';
import { prefixEnd } from './prefix.js';
import { DEFAULT_MAX_REQUEST_BYTES, StoreError } from './types.js';
function unwire(e) {
    return e.code ? new StoreError(e.code, e.message, e.rev) : new Error(e.message);
}
export class SqliteBackend {
    maxRequestBytes;
    #worker;
    #pending = new Map();
    #listeners = new Set();
    #ready;
    #nextId = 1;
    #rev = 0;
    #closed = false;
    /** Requests made in this turn of the event loop: posted to the worker as one message. */
    #outbox = [];
    constructor(path, opts = {}) {
        this.maxRequestBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
        const workerData = { path, retainRevisions: opts.retainRevisions ?? 10_000, compactIntervalMs: opts.compactIntervalMs ?? 30_000 };
        this.#worker = new Worker(new URL('./sqlite-worker.js', import.meta.url), { workerData });
        let ready;
        let failed;
        this.#ready = new Promise((res, rej) => ((ready = res), (failed = rej)));
        this.#ready.catch(() => undefined);
        this.#worker.on('message', (m) => {
            if (m.kind === 'ready') {
                this.#rev = m.rev;
                ready();
            }
            else if (m.kind === 'result')
                this.#settle(m.id, m.value, m.error);
            else
                this.#commit(m);
        });
        this.#worker.on('error', (e) => {
            failed(e);
            for (const p of this.#pending.values())
                p.reject(e);
            this.#pending.clear();
        });
    }
    #commit(m) {
        this.#rev = Math.max(this.#rev, m.rev);
        if (m.events.length) {
            const events = m.events.map(({ id, ...ev }) => {
                const mine = this.#pending.get(id)?.value;
                const kv = { ...ev.kv, value: ev.type === 'put' && mine ? mine : asBuffer(ev.kv.value) };
                return { ...ev, kv, ...(ev.prevKv ? { prevKv: { ...ev.prevKv, value: asBuffer(ev.prevKv.value) } } : {}) };
            });
            // Watchers hear of a commit before its writers are answered: read-your-writes holds.
            for (const l of this.#listeners)
                l(events);
        }
        for (const r of m.results)
            this.#settle(r.id, r.rev, r.error);
    }
    #settle(id, value, error) {
        const p = this.#pending.get(id);
        if (!p)
            return;
        this.#pending.delete(id);
        if (error)
            p.reject(unwire(error));
        else
            p.resolve(value);
    }
    async #call(req, value) {
        if (this.#closed)
            throw new Error('store is closed');
        return this.#send(req, value);
    }
    async #send(req, value) {
        await this.#ready;
        const id = this.#nextId++;
        return new Promise((resolve, reject) => {
            this.#pending.set(id, { resolve: resolve, reject, value });
            this.#post({ ...req, id });
        });
    }
    /**
     * Each postMessage wakes the worker and copies through the thread boundary at a fixed cost that
     * exceeds a write's own encoding: the writes of many concurrent requests go as one message.
     */
    #post(req) {
        if (this.#outbox.push(req) > 1)
            return;
        setImmediate(() => {
            const batch = this.#outbox;
            this.#outbox = [];
            this.#worker.postMessage(batch);
        });
    }
    async get(key) {
        const kv = await this.#call({ call: 'get', key });
        return kv && { ...kv, value: asBuffer(kv.value) };
    }
    async list(prefix, opts = {}) {
        const r = await this.#call({ call: 'list', prefix, limit: opts.limit, after: opts.after, revision: opts.revision, count: opts.count });
        return { ...r, kvs: r.kvs.map((kv) => ({ ...kv, value: asBuffer(kv.value) })) };
    }
    #write(op) {
        if ('value' in op && Buffer.byteLength(op.key) + op.value.byteLength > this.maxRequestBytes) {
            // etcd's own words, so that the answer reads the same as on an etcd-backed cluster.
            return Promise.reject(new StoreError('TooLarge', 'etcdserver: request is too large'));
        }
        return this.#call({ call: 'write', op }, 'value' in op ? op.value : undefined);
    }
    create(key, value) {
        return this.#write({ kind: 'create', key, value });
    }
    update(key, value, expectRevision) {
        return this.#write({ kind: 'update', key, value, expect: expectRevision });
    }
    delete(key, expectRevision) {
        return this.#write({ kind: 'delete', key, expect: expectRevision });
    }
    async revision() {
        await this.#ready;
        return this.#rev;
    }
    watch(prefix, fromRevision, signal) {
        const q = new AsyncQueue(signal);
        const end = prefixEnd(prefix);
        // Live events are held until the replay arrives; the replay covers everything up to its revision.
        let held = [];
        let replayedTo = Infinity;
        const listener = (events) => {
            for (const e of events) {
                if (e.kv.key < prefix || e.kv.key >= end)
                    continue;
                if (held)
                    held.push(e);
                else if (e.kv.modRevision > replayedTo)
                    q.push(e);
            }
        };
        this.#listeners.add(listener);
        signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
        this.#call({ call: 'since', prefix, from: fromRevision }).then(({ events, rev }) => {
            for (const e of events)
                q.push({ ...e, kv: { ...e.kv, value: asBuffer(e.kv.value) }, ...(e.prevKv ? { prevKv: { ...e.prevKv, value: asBuffer(e.prevKv.value) } } : {}) });
            replayedTo = rev;
            for (const e of held ?? [])
                if (e.kv.modRevision > rev)
                    q.push(e);
            held = null;
        }, (e) => {
            this.#listeners.delete(listener);
            q.close(e);
        });
        return q;
    }
    async compact(rev) {
        await this.#call({ call: 'compact', rev });
    }
    async close() {
        if (this.#closed)
            return;
        this.#closed = true;
        await this.#ready.catch(() => undefined);
        await this.#send({ call: 'close' });
        await this.#worker.terminate();
    }
}
//# sourceMappingURL=sqlite.js.map