// The SQLite log on its own thread. better-sqlite3 is synchronous: run on the main thread, every
// commit's fsync would stop the API server. Here writes that arrive together share one transaction
// (group commit) and one fsync while the main thread goes on decoding and validating the next ones.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteLog } from './sqlite-log.js';
import { StoreError } from './types.js';
function wire(e) {
    if (e instanceof StoreError)
        return { code: e.code, message: e.message, rev: e.currentRevision };
    return { message: e instanceof Error ? e.message : String(e) };
}
function serve(port, opts) {
    const log = new SqliteLog(opts.path);
    let queue = [];
    let scheduled = false;
    let closed = false;
    const flush = () => {
        scheduled = false;
        const batch = queue;
        queue = [];
        if (!batch.length)
            return;
        try {
            const outcomes = log.applyBatch(batch.map((b) => b.op));
            const events = [];
            const results = outcomes.map((o, i) => {
                if ('error' in o)
                    return { id: batch[i].id, error: wire(o.error) };
                events.push({ ...o.event, id: batch[i].id });
                return { id: batch[i].id, rev: o.rev };
            });
            port.postMessage({ kind: 'commit', rev: log.revision, events, results });
        }
        catch (e) {
            // The transaction rolled back: nothing was written.
            port.postMessage({ kind: 'commit', rev: log.revision, events: [], results: batch.map((b) => ({ id: b.id, error: wire(e) })) });
        }
    };
    const compactTo = (rev) => {
        // Small steps keep each transaction short, so writes never wait long behind compaction.
        while (!closed && log.compactRevision < Math.min(rev, log.revision))
            log.compactStep(log.compactRevision + 1000 > rev ? rev : log.compactRevision + 1000);
    };
    const timer = opts.compactIntervalMs > 0
        ? setInterval(() => {
            const target = log.revision - opts.retainRevisions;
            try {
                if (target > log.compactRevision)
                    compactTo(target);
            }
            catch (e) {
                console.error('berth store: compaction failed:', e);
            }
        }, opts.compactIntervalMs)
        : null;
    const handle = (m) => {
        if (m.call === 'write') {
            if (closed)
                return port.postMessage({ kind: 'result', id: m.id, error: { message: 'store is closed' } });
            queue.push({ id: m.id, op: m.op });
            if (!scheduled) {
                scheduled = true;
                setImmediate(flush);
            }
            return;
        }
        try {
            let value;
            switch (m.call) {
                case 'get':
                    value = log.get(m.key);
                    break;
                case 'list':
                    value = log.list(m.prefix, { limit: m.limit, after: m.after, revision: m.revision, count: m.count });
                    break;
                case 'since':
                    // Pending writes land first, so the answer and the live events that follow never overlap wrongly.
                    flush();
                    value = { events: log.since(m.prefix, m.from), rev: log.revision };
                    break;
                case 'compact':
                    flush();
                    compactTo(m.rev);
                    break;
                case 'close':
                    flush();
                    closed = true;
                    if (timer)
                        clearInterval(timer);
                    log.close();
                    port.postMessage({ kind: 'result', id: m.id });
                    port.close();
                    return;
            }
            port.postMessage({ kind: 'result', id: m.id, value });
        }
        catch (e) {
            port.postMessage({ kind: 'result', id: m.id, error: wire(e) });
        }
    };
    // The main thread sends the requests of one turn of its event loop together (see sqlite.ts).
    port.on('message', (batch) => {
        for (const m of batch)
            handle(m);
    });
    port.postMessage({ kind: 'ready', rev: log.revision });
}
if (parentPort)
    serve(parentPort, workerData);
//# sourceMappingURL=sqlite-worker.js.map