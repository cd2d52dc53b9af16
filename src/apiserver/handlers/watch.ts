// Streams a watch from the watch cache: one JSON event per line, written without ever waiting on a
// slow client. A client that falls too far behind (see watch-budget.ts) is cut: it gets a final ERROR
// event, 410 Expired, so that client-go relists, and what it leaves unread is dropped soon after, so
// it can stall neither the writers, nor the other watchers, nor the server's memory.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { CacheEvent, CacheWatcher } from '../watchcache/cache.js';
import type { Entry } from '../watchcache/cache.js';
import { statusOf } from '../http/status.js';
import type { RestStorage } from '../registry/rest.js';
import { scanPrefix } from '../registry/keys.js';
import { matchesAll, type Predicates } from './selectors.js';
import type { BudgetedWatch, WatchBudget } from './watch-budget.js';
import { handOverEvent } from '../in-process-transport.js';

/** How long a cut watch's last events and ERROR may take to reach its client before the connection goes. */
const CUT_GRACE_MS = 1000;
/** Events move from a watch's queue to its response while the response holds less than this. */
const FLUSH_BELOW = 64 * 1024;

export interface WatchRequest {
  storage: RestStorage;
  namespace?: string;
  predicates: Predicates;
  /** undefined = start with the current state; N = changes after N. */
  fromRev?: number;
  sendInitial: boolean;
  bookmarks: boolean;
  /** Renders an event's object (plain JSON or a one-row Table). */
  render: (obj: KObject, entry: Entry, first: boolean) => string;
  /** The object itself is what a reader in process may take in place of render's text (plain JSON of a built-in kind). */
  handsOver: boolean;
  timeoutSeconds?: number;
  /** The memory all watches may hold for their clients. */
  budget: WatchBudget;
}

export function serveWatch(req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  const { storage } = w;
  const prefix = scanPrefix(storage.resource, w.namespace);
  let first = true;
  let open = true;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();

  // Events wait in this queue, as references to the cache's strings, until the response has room:
  // a slow client costs little, and cutting it frees its backlog at once.
  const queue: string[] = [];
  let queued = 0;
  const pump = (): void => {
    while (queue.length && res.writableLength < FLUSH_BELOW) {
      const line = queue.shift()!;
      queued -= line.length;
      res.write(line);
    }
  };
  res.on('drain', pump);
  const line = (type: string, objJson: string): string => `{"type":"${type}","object":${objJson}}\n`;
  /** Writes past the queue: the last word of a watch that ends. */
  const final = (error: ApiError): void => void res.write(line('ERROR', JSON.stringify(statusOf(error))));
  const budgeted: BudgetedWatch = {
    unsent: () => queued + res.writableLength,
    cut(unsent: number) {
      if (!open) return;
      final(new ApiError('Expired', `too slow: the watch of ${storage.resource.plural} was closed with ${unsent} bytes of events unread; list again`));
      close();
      // A client that does not read even that much loses the connection, and with it what it holds.
      setTimeout(() => res.writableFinished || res.destroy(), CUT_GRACE_MS).unref();
    },
  };
  w.budget.add(budgeted);
  const write = (type: string, objJson: string): void => {
    if (!open) return;
    const l = line(type, objJson);
    queue.push(l);
    queued += l.length;
    pump();
    w.budget.wrote(budgeted);
  };
  const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', entry: Entry): void => {
    if (!open) return;
    if (!(w.handsOver && handOverEvent(res, type, entry.obj))) write(type, w.render(entry.obj, entry, first));
    first = false;
  };
  const bookmark = (rev: number, initialEnd = false): void => {
    const meta: Record<string, unknown> = { resourceVersion: String(rev) };
    if (initialEnd) meta.annotations = { 'k8s.io/initial-events-end': 'true' };
    write('BOOKMARK', JSON.stringify({ apiVersion: storage.typed({ metadata: {} }).apiVersion, kind: storage.resource.kind, metadata: meta }));
  };

  const watcher: CacheWatcher = {
    deliver(ev: CacheEvent) {
      if (!ev.entry.key.startsWith(prefix)) return;
      const now = ev.type !== 'DELETED' && matchesAll(w.predicates, ev.entry.obj);
      const before = ev.prev !== undefined && matchesAll(w.predicates, ev.prev.obj);
      if (ev.type === 'DELETED') {
        if (before) emit('DELETED', ev.entry);
      } else if (now && before) emit('MODIFIED', ev.entry);
      else if (now) emit('ADDED', ev.entry);
      // An object that stops matching leaves the client's view as a deletion, carrying its new state.
      else if (before) emit('DELETED', ev.entry);
    },
    end(error?: ApiError) {
      if (error && open) final(error);
      close();
    },
  };

  const timers: NodeJS.Timeout[] = [];
  function close(): void {
    if (!open) return;
    open = false;
    storage.cache.unwatch(watcher);
    w.budget.remove(budgeted);
    // What is still queued is dropped: the client resumes from the last event it received.
    queue.length = 0;
    queued = 0;
    for (const t of timers) clearTimeout(t);
    res.end();
  }
  req.on('close', close);
  res.on('close', close);

  try {
    if (w.fromRev === undefined) {
      const rev = storage.cache.revision;
      if (w.sendInitial) {
        for (const e of storage.cache.scan(prefix)) if (matchesAll(w.predicates, e.obj)) emit('ADDED', e);
        if (w.bookmarks) bookmark(rev, true);
      }
      storage.cache.watch(watcher, rev);
    } else {
      storage.cache.watch(watcher, w.fromRev);
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'Expired') {
      final(e);
      close();
      return;
    }
    close();
    throw e;
  }
  if (w.bookmarks) {
    const tick = (): void => {
      bookmark(storage.cache.revision);
      timers[0] = setTimeout(tick, 30_000);
    };
    timers[0] = setTimeout(tick, 30_000);
  }
  // Like kube-apiserver: every watch ends after its timeout (default a random 30–60 minutes).
  const timeout = w.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800);
  timers[1] = setTimeout(close, timeout * 1000);
}
