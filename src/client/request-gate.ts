// How many requests a transport has on the wire at once, and which waiting one goes next. Requests
// past the limit wait here, not in node's http.Agent: the Agent builds each waiting request whole
// (headers, body, a ClientRequest) and takes the next with Array.shift, which thousands of hollow
// kubelets' writes made a large part of the sim's CPU. Background requests (events, which upstream's
// kubelet sends apart through its recorder's own queue and client) go only when nothing else waits,
// so that a Pod's status and the tokens its start needs do not queue behind its own events.

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
  readonly #background = new Fifo<() => void>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Requests waiting for a turn. */
  get waiting(): number {
    return this.#waiting.length + this.#background.length;
  }

  /** Runs fn once a turn is free (a background one once no other request waits). */
  async run<T>(fn: () => Promise<T>, background = false): Promise<T> {
    if (this.#active < this.#limit) this.#active++;
    // The turn is handed over by the request that ends (#active stays as it is).
    else await new Promise<void>((resolve) => (background ? this.#background : this.#waiting).push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.take() ?? this.#background.take();
      if (next) next();
      else this.#active--;
    }
  }
}
