// An unbounded push queue read as an AsyncIterable: the bridge from callback-style event sources
// (store commits, HTTP chunks) to `for await`. Ends when closed or the signal aborts.

export class AsyncQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #waiter: ((r: IteratorResult<T>) => void) | null = null;
  #failWaiter: ((e: unknown) => void) | null = null;
  #closed = false;
  #error: unknown = null;

  constructor(signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.close(), { once: true });
    if (signal?.aborted) this.close();
  }

  get closed(): boolean {
    return this.#closed;
  }

  push(item: T): void {
    if (this.#closed) return;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = this.#failWaiter = null;
      w({ value: item, done: false });
    } else {
      this.#items.push(item);
    }
  }

  /** Ends the iteration; with an error, the reader's next() rejects with it after buffered items. */
  close(error?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    if (error !== undefined) this.#error = error;
    if (this.#waiter) {
      const w = this.#waiter;
      const f = this.#failWaiter;
      this.#waiter = this.#failWaiter = null;
      if (this.#error !== null && f) f(this.#error);
      else w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as T, done: false });
        if (this.#closed) {
          if (this.#error !== null) {
            const e = this.#error;
            this.#error = null;
            return Promise.reject(e);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.#waiter = resolve;
          this.#failWaiter = reject;
        });
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
