// One timer for every probe of the kubelet, rather than an interval per probe worker: it ticks every
// TICK_MS and starts each probe whose period has come round. Probes that fall due together start in
// one turn of the event loop, so their connects and answers share wakeups; a period is kept to within
// a tick (upstream's workers tick on their own, each with a jittered start).

import { performance } from 'node:perf_hooks';

const TICK_MS = 100;

interface Entry { periodMs: number; due: number; run: () => void }

export class ProbeSchedule {
  readonly #entries = new Set<Entry>();
  #timer: NodeJS.Timeout | undefined;

  /** Runs `run` now (after this turn) and then every periodMs until the returned function is called. */
  every(periodMs: number, run: () => void): () => void {
    const entry: Entry = { periodMs, due: performance.now() + periodMs, run };
    this.#entries.add(entry);
    this.#timer ??= setInterval(() => this.#tick(), TICK_MS);
    setImmediate(() => this.#entries.has(entry) && run());
    return () => {
      this.#entries.delete(entry);
      if (this.#entries.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  #tick(): void {
    const now = performance.now();
    for (const e of this.#entries) {
      // Due a little ahead counts as due now: a probe is never held back a whole tick for a millisecond.
      if (e.due > now + TICK_MS / 2) continue;
      e.due += e.periodMs;
      // A kubelet held up past a whole period skips the runs it missed, as a ticker drops ticks.
      if (e.due <= now) e.due = now + e.periodMs;
      e.run();
    }
  }
}
