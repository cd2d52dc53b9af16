// Attaching to a container's main process, which conmon owns: conmon keeps its stdio (or the master of
// its terminal) and offers, in the container's bundle directory, an `attach` socket whose writes reach
// the process's stdin and fifos that resize its terminal (see applySizes). The socket is SOCK_SEQPACKET, which
// Node cannot open: socat relays it. What conmon sends back on it marks each packet's stream with a
// byte that a byte stream cannot keep apart from the data, so the output is taken from the log conmon
// writes at the same moment (its lines say which stream), followed from its end as it grows.
import { spawn } from 'node:child_process';
import { constants, watch } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseCriLine } from '../crilog.js';
/** How often the container's exit is checked, and the log read should a change notice be missed. */
const POLL_MS = 100;
/**
 * conmon reads its resize fifo 199 bytes at a time and, before 2.2, applies the first message of a read
 * once for each message in it: kubectl's size-plus-one followed at once by the real size, read together
 * under load, left the terminal one row and column too large. Each message is padded to that length
 * (sscanf takes the spaces before the newline), so every read holds exactly one.
 */
const RESIZE_MESSAGE_BYTES = 199;
/** Relays until the container exits or streams.signal aborts. */
export async function attachToConmon(t, streams) {
    const done = new AbortController();
    const stop = () => done.abort();
    streams.signal?.addEventListener('abort', stop, { once: true });
    const tail = await followLog(t.logPath, (l) => {
        const out = l.stream === 'stderr' ? streams.stderr : streams.stdout;
        out?.write(l.partial ? l.text : `${l.text}\n`);
    });
    const input = streams.stdin ? sendInput(t.dir, streams.stdin) : undefined;
    if (streams.resize)
        void applySizes(t.dir, streams.resize, done.signal);
    try {
        while (!done.signal.aborted && !(await t.exited()))
            await delay(POLL_MS, undefined, { signal: done.signal }).catch(() => { });
        await tail.read(); // what the process wrote last
    }
    finally {
        streams.signal?.removeEventListener('abort', stop);
        done.abort();
        tail.close();
        // Our end of the socket closing is the client detaching: conmon closes the container's stdin
        // unless it was told to leave it open (stdinOnce false).
        input?.kill();
    }
}
function sendInput(dir, stdin) {
    // A relative path from the bundle directory: its absolute path may pass the 108 bytes a socket address holds.
    const socat = spawn('socat', ['-b', '65536', 'STDIO', 'UNIX-CONNECT:attach,type=5'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
    socat.on('error', () => { });
    socat.stdin.on('error', () => { });
    // conmon writes the output to every attached socket too and waits for it to be read: read and drop it.
    socat.stdout.resume();
    stdin.pipe(socat.stdin);
    socat.on('close', () => stdin.unpipe(socat.stdin));
    return socat;
}
async function applySizes(dir, sizes, signal) {
    for await (const s of sizes) {
        if (signal.aborted)
            return;
        // `winsz` is where conmon's `ctl` fifo passes resizes on to (`<height> <width>`): writing there
        // directly keeps conmon from relaying two messages into one read of it.
        // Non-blocking: with conmon gone there is no reader, and a blocking open would wait for one forever.
        const fifo = await open(join(dir, 'winsz'), constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
        if (!fifo)
            return;
        await fifo.write(`${s.height} ${s.width}`.padEnd(RESIZE_MESSAGE_BYTES - 1) + '\n').catch(() => { });
        await fifo.close();
    }
}
/** Follows a CRI log from its current end, calling emit for each line or partial chunk appended. */
async function followLog(path, emit) {
    let offset = await stat(path).then((s) => s.size, () => 0);
    let carry = Buffer.alloc(0);
    let running = Promise.resolve();
    const readOnce = async () => {
        const size = await stat(path).then((s) => s.size, () => 0);
        if (size < offset) {
            // Rotated (copied aside and truncated): what follows starts the file again.
            offset = 0;
            carry = Buffer.alloc(0);
        }
        if (size === offset)
            return;
        const fh = await open(path, 'r');
        try {
            const buf = Buffer.alloc(size - offset);
            const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
            offset += bytesRead;
            // Only whole lines are decoded, so a character split between two reads stays whole.
            const data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
            const end = data.lastIndexOf(0x0a);
            carry = data.subarray(end + 1);
            if (end < 0)
                return;
            for (const line of data.subarray(0, end).toString('utf8').split('\n')) {
                const l = parseCriLine(line);
                if (l)
                    emit(l);
            }
        }
        finally {
            await fh.close();
        }
    };
    // Reads run one at a time, in order; a change noticed during a read gets a read after it.
    const read = () => (running = running.then(readOnce).catch(() => { }));
    const watcher = (() => {
        try {
            return watch(path, () => void read());
        }
        catch {
            return undefined; // no log yet: the timer below still reads it once it appears
        }
    })();
    watcher?.on('error', () => { });
    const timer = setInterval(() => void read(), POLL_MS);
    return {
        read,
        close: () => {
            watcher?.close();
            clearInterval(timer);
        },
    };
}
//# sourceMappingURL=attach.js.map