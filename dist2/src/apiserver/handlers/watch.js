// Streams a watch from the watch cache: one JSON event per line, written without ever waiting on a
// slow client. A client that falls too far behind (see watch-budget.ts) is cut: it gets a final ERROR
// event, 410 Expired, so that client-go relists, and what it leaves unread is dropped soon after, so
// it can stall neither the writers, nor the other watchers, nor the server's memory.
import { ApiError } from '../../api/errors.js';
import { statusOf } from '../http/status.js';
import { scanPrefix } from '../registry/keys.js';
import { matchesAll } from './selectors.js';
/** How long a cut watch's last events and ERROR may take to reach its client before the connection goes. */
const CUT_GRACE_MS = 1000;
/** Events move from a watch's queue to its response while the response holds less than this. */
const FLUSH_BELOW = 64 * 1024;
export function serveWatch(req, res, w) {
    const { storage } = w;
    const prefix = scanPrefix(storage.resource, w.namespace);
    let first = true;
    let open = true;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    // Events wait in this queue, as references to the cache's strings, until the response has room:
    // a slow client costs little, and cutting it frees its backlog at once.
    const queue = [];
    let queued = 0;
    const pump = () => {
        while (queue.length && res.writableLength < FLUSH_BELOW) {
            const line = queue.shift();
            queued -= line.length;
            res.write(line);
        }
    };
    res.on('drain', pump);
    const line = (type, objJson) => `{"type":"${type}","object":${objJson}}\n`;
    /** Writes past the queue: the last word of a watch that ends. */
    const final = (error) => void res.write(line('ERROR', JSON.stringify(statusOf(error))));
    const budgeted = {
        unsent: () => queued + res.writableLength,
        cut(unsent) {
            if (!open)
                return;
            final(new ApiError('Expired', `too slow: the watch of ${storage.resource.plural} was closed with ${unsent} bytes of events unread; list again`));
            close();
            // A client that does not read even that much loses the connection, and with it what it holds.
            setTimeout(() => res.writableFinished || res.destroy(), CUT_GRACE_MS).unref();
        },
    };
    w.budget.add(budgeted);
    const write = (type, objJson) => {
        if (!open)
            return;
        const l = line(type, objJson);
        queue.push(l);
        queued += l.length;
        pump();
        w.budget.wrote(budgeted);
    };
    const emit = (type, entry) => {
        write(type, w.render(entry.obj, entry, first));
        first = false;
    };
    const bookmark = (rev, initialEnd = false) => {
        const meta = { resourceVersion: String(rev) };
        if (initialEnd)
            meta.annotations = { 'k8s.io/initial-events-end': 'true' };
        write('BOOKMARK', JSON.stringify({ apiVersion: storage.typed({ metadata: {} }).apiVersion, kind: storage.resource.kind, metadata: meta }));
    };
    const watcher = {
        deliver(ev) {
            if (!ev.entry.key.startsWith(prefix))
                return;
            const now = ev.type !== 'DELETED' && matchesAll(w.predicates, ev.entry.obj);
            const before = ev.prev !== undefined && matchesAll(w.predicates, ev.prev.obj);
            if (ev.type === 'DELETED') {
                if (before)
                    emit('DELETED', ev.entry);
            }
            else if (now && before)
                emit('MODIFIED', ev.entry);
            else if (now)
                emit('ADDED', ev.entry);
            // An object that stops matching leaves the client's view as a deletion, carrying its new state.
            else if (before)
                emit('DELETED', ev.entry);
        },
        end(error) {
            if (error && open)
                final(error);
            close();
        },
    };
    const timers = [];
    function close() {
        if (!open)
            return;
        open = false;
        storage.cache.unwatch(watcher);
        w.budget.remove(budgeted);
        // What is still queued is dropped: the client resumes from the last event it received.
        queue.length = 0;
        queued = 0;
        for (const t of timers)
            clearTimeout(t);
        res.end();
    }
    req.on('close', close);
    res.on('close', close);
    try {
        if (w.fromRev === undefined) {
            const rev = storage.cache.revision;
            if (w.sendInitial) {
                for (const e of storage.cache.scan(prefix))
                    if (matchesAll(w.predicates, e.obj))
                        emit('ADDED', e);
                if (w.bookmarks)
                    bookmark(rev, true);
            }
            storage.cache.watch(watcher, rev);
        }
        else {
            storage.cache.watch(watcher, w.fromRev);
        }
    }
    catch (e) {
        if (e instanceof ApiError && e.code === 'Expired') {
            final(e);
            close();
            return;
        }
        close();
        throw e;
    }
    if (w.bookmarks) {
        const tick = () => {
            bookmark(storage.cache.revision);
            timers[0] = setTimeout(tick, 30_000);
        };
        timers[0] = setTimeout(tick, 30_000);
    }
    // Like kube-apiserver: every watch ends after its timeout (default a random 30–60 minutes).
    const timeout = w.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800);
    timers[1] = setTimeout(close, timeout * 1000);
}
//# sourceMappingURL=watch.js.map