// Time as the fake runtime sees it: the real clock for hollow nodes, a manual one for tests that
// step through stop timeouts, scripted exits and pull latency without waiting for them.

import { sleep } from '../../util/sleep.js';

export interface Clock {
  now(): Date;
  /** Resolves after ms of this clock's time (at once for ms <= 0). */
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => (ms > 0 ? sleep(ms) : Promise.resolve()),
};

/** A clock that moves only when advance() is called; sleepers due by then are woken in order. */
export class ManualClock implements Clock {
  #ms: number;
  #sleepers: { at: number; wake: () => void }[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.#ms = start;
  }

  now(): Date {
    return new Date(this.#ms);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((wake) => this.#sleepers.push({ at: this.#ms + ms, wake }));
  }

  /** Moves time forward, waking each sleeper due by then and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const end = this.#ms + ms;
    for (;;) {
      this.#sleepers.sort((a, b) => a.at - b.at);
      const next = this.#sleepers[0];
      if (!next || next.at > end) break;
      this.#sleepers.shift();
      this.#ms = next.at;
      next.wake();
      await new Promise((r) => setImmediate(r));
    }
    this.#ms = end;
    await new Promise((r) => setImmediate(r));
  }
}
