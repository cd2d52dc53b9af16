// One serial worker per Pod. Work is keyed by uid, not by object: a kick while a sync runs only
// marks the key dirty, and the rerun reads the newest Pod, so a newer update replaces a pending one.
// Two syncs of the same Pod never overlap (awaits interleave like threads).

export type SyncFn = (uid: string) => Promise<number | undefined>;

interface Slot { running: boolean; dirty: boolean; timer?: NodeJS.Timeout; dueAt?: number }

export class PodWorkers {
  readonly #sync: SyncFn;
  readonly #onError: (uid: string, e: unknown) => void;
  readonly #slots = new Map<string, Slot>();
  readonly #idle = new Set<() => void>();
  #stopped = false;

  constructor(sync: SyncFn, onError: (uid: string, e: unknown) => void) {
    this.#sync = sync;
    this.#onError = onError;
  }

  /** Sync this Pod soon; coalesces with a pending request. */
  kick(uid: string): void {
    if (this.#stopped) return;
    let slot = this.#slots.get(uid);
    if (!slot) this.#slots.set(uid, (slot = { running: false, dirty: false }));
    slot.dirty = true;
    if (!slot.running) void this.#run(uid, slot);
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
    while (slot.dirty && !this.#stopped) {
      slot.dirty = false;
      try {
        const next = await this.#sync(uid);
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
