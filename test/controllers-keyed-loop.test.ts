import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from '../src/client/workqueue.js';
import { onAnyChange, runKeyedController } from '../src/controllers/keyed-controller.js';

/** An informer stand-in whose list completes when the test says so. */
function cache() {
  let synced!: () => void;
  const sync = new Promise<void>((r) => (synced = r));
  let running = 0;
  return {
    run: (signal: AbortSignal) => {
      running++;
      return new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
    },
    waitForSync: () => sync,
    synced: () => synced(),
    get running() {
      return running;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

test('no key is reconciled before every informer has synced; onSynced runs first; a failed key comes back', async () => {
  const a = cache();
  const b = cache();
  const queue = new WorkQueue({ baseDelayMs: 1 });
  const seen: string[] = [];
  const logged: string[] = [];
  let failOnce = true;
  const stop = new AbortController();
  queue.add('ns/x');
  const done = runKeyedController(stop.signal, {
    informers: [a, b],
    queue,
    workers: 2,
    reconcile: async (key) => {
      seen.push(key);
      if (failOnce) {
        failOnce = false;
        throw new Error('conflict');
      }
    },
    log: (line) => logged.push(line),
    onSynced: () => seen.push('synced'),
  });
  assert.equal(a.running + b.running, 2, 'both informers run at once');
  a.synced();
  await tick();
  assert.deepEqual(seen, [], 'one cache still empty: nothing reconciled');
  b.synced();
  for (let i = 0; i < 50 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(seen, ['synced', 'ns/x', 'ns/x'], 'requeued after its error');
  assert.deepEqual(logged, ['ns/x: conflict']);
  stop.abort();
  await done;
  assert.equal(queue.shuttingDown, true);
});

test('onAnyChange hands the new object to one callback on add, update and delete', () => {
  const got: string[] = [];
  const h = onAnyChange<{ metadata: { name: string } }>((o) => got.push(o.metadata.name));
  h.onAdd!({ metadata: { name: 'added' } });
  h.onUpdate!({ metadata: { name: 'old' } }, { metadata: { name: 'new' } });
  h.onDelete!({ metadata: { name: 'deleted' } });
  assert.deepEqual(got, ['added', 'new', 'deleted']);
});
