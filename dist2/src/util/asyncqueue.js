// An unbounded push queue read as an AsyncIterable: the bridge from callback-style event sources
// (store commits, HTTP chunks) to `for await`. Ends when closed or the signal aborts.
export class AsyncQueue {
    #items = [];
    #waiter = null;
    #failWaiter = null;
    #closed = false;
    #error = null;
    constructor(signal) {
        signal?.addEventListener('abort', () => this.close(), { once: true });
        if (signal?.aborted)
            this.close();
    }
    get closed() {
        return this.#closed;
    }
    push(item) {
        if (this.#closed)
            return;
        if (this.#waiter) {
            const w = this.#waiter;
            this.#waiter = this.#failWaiter = null;
            w({ value: item, done: false });
        }
        else {
            this.#items.push(item);
        }
    }
    /** Ends the iteration; with an error, the reader's next() rejects with it after buffered items. */
    close(error) {
        if (this.#closed)
            return;
        this.#closed = true;
        if (error !== undefined)
            this.#error = error;
        if (this.#waiter) {
            const w = this.#waiter;
            const f = this.#failWaiter;
            this.#waiter = this.#failWaiter = null;
            if (this.#error !== null && f)
                f(this.#error);
            else
                w({ value: undefined, done: true });
        }
    }
    [Symbol.asyncIterator]() {
        return {
            next: () => {
                if (this.#items.length > 0)
                    return Promise.resolve({ value: this.#items.shift(), done: false });
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
//# sourceMappingURL=asyncqueue.js.map