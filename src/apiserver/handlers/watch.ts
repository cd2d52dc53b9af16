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

/** How long a cut watch's last events and ERROR may take to reach its client before the connection goes. */
const CUT_GRACE_MS = 1000;

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

  const send = (type: string, objJson: string): void => void res.write(`{"type":"${type}","object":${objJson}}\n`);
  const budgeted: BudgetedWatch = {
    unsent: () => res.writableLength,
    cut(unsent: number) {
      if (!open) return;
      const kind = storage.resource.plural;
      send('ERROR', JSON.stringify(statusOf(new ApiError('Expired', `too slow: the watch of ${kind} was closed with ${unsent} bytes of events unread; list again`))));
      close();
      // Only a connection that goes frees what its client did not read.
      setTimeout(() => res.writableFinished || res.destroy(), CUT_GRACE_MS).unref();
    },
  };
  w.budget.add(budgeted);
  const write = (type: string, objJson: string): void => {
    if (!open) return;
    send(type, objJson);
    w.budget.wrote(budgeted);
  };
  const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', entry: Entry): void => {
    write(type, w.render(entry.obj, entry, first));
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
      if (error) write('ERROR', JSON.stringify(statusOf(error)));
      close();
    },
  };

  const timers: NodeJS.Timeout[] = [];
  function close(): void {
    if (!open) return;
    open = false;
    storage.cache.unwatch(watcher);
    w.budget.remove(budgeted);
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
      write('ERROR', JSON.stringify(statusOf(e)));
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
