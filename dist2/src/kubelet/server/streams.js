// exec and attach apart from their transport (WebSocket channels or SPDY streams): the pipes a session
// fills and drains, the terminal sizes the client sends, and the Status that ends the session.
import { PassThrough, Transform } from 'node:stream';
import { exitStatus } from './channels.js';
/**
 * How long terminal input waits for a size to be applied: the client sends sizes and input on separate
 * streams, and a size (kubectl's first ones come as it connects, along with what was typed meanwhile)
 * should be in force before the input that follows it is read. A runtime that takes no sizes holds input
 * back this long once.
 */
const SIZE_WAIT_MS = 1_000;
/** Largest resize message taken: `{"Width":65535,"Height":65535}` is 31 bytes. */
export const MAX_SIZE_MESSAGE = 1024;
const MAX_DIMENSION = 0xffff;
const SUCCESS = JSON.stringify({ metadata: {}, status: 'Success' });
export function streamIO(t) {
    return { stdin: t.stdin ? new PassThrough() : undefined, stdout: new PassThrough(), stderr: new PassThrough(), sizes: new SizeFeed(), gone: new AbortController() };
}
/** A resize message (`{"Width":80,"Height":24}`, as kubectl sends it), or null when it is not one. */
export function parseTerminalSize(text) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return null;
    }
    const { Width: width, Height: height } = (v ?? {});
    const ok = (n) => Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION;
    return ok(width) && ok(height) ? { width, height } : null;
}
/**
 * Terminal sizes in the order sent, keeping only the latest not yet taken: each one costs the runtime
 * work (a process, a fifo write), so a client sending them faster than that is served the newest.
 */
export class SizeFeed {
    #pending;
    #wake;
    #closed = false;
    /** No size yet, or one not yet applied: input waits (see settled). */
    #unsettled = true;
    #settledWaiters = [];
    /** Set once a wait has timed out: this runtime takes no sizes, input no longer waits for them. */
    #ignored = false;
    push(size) {
        if (this.#closed)
            return;
        this.#pending = size;
        this.#unsettled = true;
        this.#wake?.();
    }
    close() {
        this.#closed = true;
        this.#wake?.();
        this.#settle();
    }
    /** Resolves once the sizes received so far are applied (at most SIZE_WAIT_MS after it is asked). */
    settled() {
        if (!this.#unsettled || this.#closed || this.#ignored)
            return Promise.resolve();
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.#ignored = true;
                this.#settle();
            }, SIZE_WAIT_MS);
            this.#settledWaiters.push(() => {
                clearTimeout(timer);
                resolve();
            });
        });
    }
    #settle() {
        this.#unsettled = false;
        for (const w of this.#settledWaiters.splice(0))
            w();
    }
    async *[Symbol.asyncIterator]() {
        let applied = false;
        try {
            for (;;) {
                if (this.#pending) {
                    const s = this.#pending;
                    this.#pending = undefined;
                    yield s;
                    applied = true;
                    continue;
                }
                if (this.#closed)
                    return;
                // Asked for the next size with none waiting: the last one is applied.
                if (applied)
                    this.#settle();
                await new Promise((resolve) => (this.#wake = resolve));
                this.#wake = undefined;
            }
        }
        finally {
            this.#settle(); // the runtime stopped taking sizes
        }
    }
}
/** Terminal input, each chunk passed on once the sizes received before it are applied. */
function afterSizes(stdin, sizes) {
    const gate = new Transform({ transform: (chunk, _encoding, done) => void sizes.settled().then(() => done(null, chunk)) });
    return stdin.pipe(gate);
}
/** Runs the exec or the attach to its end; resolves with the Status (JSON) that ends the session. */
export async function runStream(runtime, t, io) {
    const streams = {
        stdin: t.tty && io.stdin ? afterSizes(io.stdin, io.sizes) : io.stdin,
        stdout: t.stdout ? io.stdout : undefined,
        stderr: t.stderr ? io.stderr : undefined,
        tty: t.tty,
        resize: t.tty ? io.sizes : undefined,
        signal: io.gone.signal,
    };
    try {
        if (t.command)
            return exitStatus(await runtime.exec(t.containerId, t.command, streams));
        await runtime.attach(t.containerId, streams);
        return SUCCESS;
    }
    catch (e) {
        return JSON.stringify({ metadata: {}, status: 'Failure', message: e.message, reason: 'InternalError', code: 500 });
    }
    finally {
        io.sizes.close();
    }
}
//# sourceMappingURL=streams.js.map