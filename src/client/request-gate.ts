// How many requests a transport has on the wire at once; the rest wait here in order, not in node's
// http.Agent: the Agent builds each waiting request whole (headers, body, a ClientRequest) and takes
// the next with Array.shift, which thousands of hollow kubelets' writes made a large part of the
// sim's CPU (18,000 requests waiting at once in the rate bench).

/** A FIFO whose take is O(1): a plain array's shift copies the whole backlog each time. */
class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  take(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    // Drop the taken half once it outweighs what is left.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

export class RequestGate {
  readonly #limit: number;
  #active = 0;
  readonly #waiting = new Fifo<() => void>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Requests waiting for a turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs fn once a turn is free, in the order asked. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active < this.#limit) this.#active++;
    // The turn is handed over by the request that ends (#active stays as it is).
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.take();
      if (next) next();
      else this.#active--;
    }
  }
}
