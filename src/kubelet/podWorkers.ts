// One serial worker per Pod. Work is keyed by uid, not by object: a kick while a sync runs only
// marks the key dirty, and the rerun reads the newest Pod, so a newer update replaces a pending one.
// Two syncs of the same Pod never overlap (awaits interleave like threads). The worker owns the Pod's
// state, as upstream's pod workers do: syncing until terminate(), then terminating until one
// terminating sync succeeds, then terminated (for good: the uid never syncs again).

import type { PodWorkerState } from './podActions.js';

/** One sync of the Pod in its state; returns when the next one is due without any event, if ever. */
export type SyncFn = (uid: string, state: PodWorkerState) => Promise<number | undefined>;

interface Slot { running: boolean; dirty: boolean; state: PodWorkerState; timer?: NodeJS.Timeout; dueAt?: number }

export class PodWorkers {
  readonly #sync: SyncFn;
  readonly #onError: (uid: string, e: unknown) => void;
  readonly #slots = new Map<string, Slot>();
  readonly #idle = new Set<() => void>();
  /** Syncs run, by state (upstream's pod_worker_duration_seconds count). */
  readonly syncs: Record<PodWorkerState, number> = { syncing: 0, terminating: 0, terminated: 0 };
  #stopped = false;

  constructor(sync: SyncFn, onError: (uid: string, e: unknown) => void) {
    this.#sync = sync;
    this.#onError = onError;
  }

  /** Sync this Pod soon; coalesces with a pending request. */
  kick(uid: string): void {
    if (this.#stopped) return;
    const slot = this.#slot(uid);
    slot.dirty = true;
    if (!slot.running) void this.#run(uid, slot);
  }

  /** The Pod is deleted or unknown to the API: stop it (a no-op once it is terminating). */
  terminate(uid: string): void {
    const slot = this.#slot(uid);
    if (slot.state === 'syncing') slot.state = 'terminating';
    this.kick(uid);
  }

  stateOf(uid: string): PodWorkerState | undefined {
    return this.#slots.get(uid)?.state;
  }

  #slot(uid: string): Slot {
    let slot = this.#slots.get(uid);
    if (!slot) this.#slots.set(uid, (slot = { running: false, dirty: false, state: 'syncing' }));
    return slot;
  }

  /** Sync at a later time too (backoff expiry), keeping the earliest pending wake-up. */
  kickAt(uid: string, atMs: number): void {
    const slot = this.#slots.get(uid);
    if (!slot || this.#stopped) return;
    if (slot.dueAt !== undefined && slot.dueAt <= atMs) return;
    clearTimeout(slot.timer);
    slot.dueAt = atMs;
    slot.timer = setTimeout(() => {
      slot.dueAt = undefined;
      this.kick(uid);
    }, Math.max(0, atMs - Date.now()));
  }

  /** Drop a finished worker (its Pod is gone and cleaned up). */
  forget(uid: string): void {
    const slot = this.#slots.get(uid);
    if (slot) clearTimeout(slot.timer);
    this.#slots.delete(uid);
  }

  async #run(uid: string, slot: Slot): Promise<void> {
    slot.running = true;
    while (slot.dirty && !this.#stopped && this.#slots.get(uid) === slot) {
      slot.dirty = false;
      const state = slot.state;
      this.syncs[state]++;
      try {
        const next = await this.#sync(uid, state);
        if (state === 'terminating') {
          // Stopped: what is left is removed by a terminated sync, now and on later kicks.
          slot.state = 'terminated';
          slot.dirty = true;
        }
        if (next !== undefined && this.#slots.get(uid) === slot) this.kickAt(uid, next);
      } catch (e) {
        this.#onError(uid, e);
      }
    }
    slot.running = false;
    if (this.busy === 0) for (const resolve of this.#idle) resolve();
  }

  get busy(): number {
    return [...this.#slots.values()].filter((s) => s.running).length;
  }

  /** Resolves when no worker is running. */
  async idle(): Promise<void> {
    if (this.busy === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => { this.#idle.delete(done); resolve(); };
      this.#idle.add(done);
    });
  }

  /** No new syncs; waits for running ones. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const s of this.#slots.values()) clearTimeout(s.timer);
    await this.idle();
  }
}
