// exec and attach apart from their transport (WebSocket channels or SPDY streams): the pipes a session
// fills and drains, the terminal sizes the client sends, and the Status that ends the session.

import { PassThrough, Transform, type Readable } from 'node:stream';
import type { ExecStreams, RuntimeService, TerminalSize } from '../../runtime/types.js';
import { exitStatus } from './channels.js';

export interface StreamTarget {
  containerId: string;
  /** exec's command; attach has none and reaches the container's main process. */
  command?: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** What the transport writes into (stdin, sizes) and reads from (stdout, stderr). */
export interface StreamIO {
  stdin?: PassThrough;
  stdout: PassThrough;
  stderr: PassThrough;
  sizes: SizeFeed;
  /** Aborted by the transport when the client has gone. */
  gone: AbortController;
}

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

export function streamIO(t: StreamTarget): StreamIO {
  return { stdin: t.stdin ? new PassThrough() : undefined, stdout: new PassThrough(), stderr: new PassThrough(), sizes: new SizeFeed(), gone: new AbortController() };
}

/** A resize message (`{"Width":80,"Height":24}`, as kubectl sends it), or null when it is not one. */
export function parseTerminalSize(text: string): TerminalSize | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const { Width: width, Height: height } = (v ?? {}) as { Width?: unknown; Height?: unknown };
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_DIMENSION;
  return ok(width) && ok(height) ? { width, height } : null;
}

/**
 * Terminal sizes in the order sent, keeping only the latest not yet taken: each one costs the runtime
 * work (a process, a fifo write), so a client sending them faster than that is served the newest.
 */
export class SizeFeed implements AsyncIterable<TerminalSize> {
  #pending: TerminalSize | undefined;
  #wake: (() => void) | undefined;
  #closed = false;
  /** No size yet, or one not yet applied: input waits (see settled). */
  #unsettled = true;
  #settledWaiters: (() => void)[] = [];
  /** Set once a wait has timed out: this runtime takes no sizes, input no longer waits for them. */
  #ignored = false;

  push(size: TerminalSize): void {
    if (this.#closed) return;
    this.#pending = size;
    this.#unsettled = true;
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
    this.#settle();
  }

  /** Resolves once the sizes received so far are applied (at most SIZE_WAIT_MS after it is asked). */
  settled(): Promise<void> {
    if (!this.#unsettled || this.#closed || this.#ignored) return Promise.resolve();
    return new Promise<void>((resolve) => {
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

  #settle(): void {
    this.#unsettled = false;
    for (const w of this.#settledWaiters.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TerminalSize> {
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
        if (this.#closed) return;
        // Asked for the next size with none waiting: the last one is applied.
        if (applied) this.#settle();
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
      }
    } finally {
      this.#settle(); // the runtime stopped taking sizes
    }
  }
}

/** Terminal input, each chunk passed on once the sizes received before it are applied. */
function afterSizes(stdin: Readable, sizes: SizeFeed): Readable {
  const gate = new Transform({ transform: (chunk, _encoding, done) => void sizes.settled().then(() => done(null, chunk)) });
  return stdin.pipe(gate);
}

/** Runs the exec or the attach to its end; resolves with the Status (JSON) that ends the session. */
export async function runStream(runtime: RuntimeService, t: StreamTarget, io: StreamIO): Promise<string> {
  const streams: ExecStreams = {
    stdin: t.tty && io.stdin ? afterSizes(io.stdin, io.sizes) : io.stdin,
    stdout: t.stdout ? io.stdout : undefined,
    stderr: t.stderr ? io.stderr : undefined,
    tty: t.tty,
    resize: t.tty ? io.sizes : undefined,
    signal: io.gone.signal,
  };
  try {
    if (t.command) return exitStatus(await runtime.exec(t.containerId, t.command, streams));
    await runtime.attach(t.containerId, streams);
    return SUCCESS;
  } catch (e) {
    return JSON.stringify({ metadata: {}, status: 'Failure', message: (e as Error).message, reason: 'InternalError', code: 500 });
  } finally {
    io.sizes.close();
  }
}
