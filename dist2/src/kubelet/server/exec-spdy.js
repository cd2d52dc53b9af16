// kubectl exec and attach over SPDY/3.1 (kubectl before 1.30, and later ones when WebSocket fails): the
// client opens one stream per channel, named by its `streamType` header (error, stdin, stdout, stderr,
// resize); once all it asked for are open the session runs, and it ends with the Status on the error
// stream. Sizes on the resize stream are JSON objects, each ended by a newline.
import { RST_REFUSED_STREAM, SpdySession, spdyOverSocket } from './spdy.js';
import { MAX_SIZE_MESSAGE, parseTerminalSize, runStream, streamIO } from './streams.js';
/** In order of preference; from v4 the error stream carries a Status object, before it only a message. */
const PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
/** How long the client may take to open the streams it asked for. */
const STREAMS_TIMEOUT_MS = 30_000;
/** The streams a client opens for these options (kubectl opens no stderr with a terminal). */
function expectedStreams(t, protocol) {
    const want = new Set(['error']);
    if (t.stdin)
        want.add('stdin');
    if (t.stdout)
        want.add('stdout');
    if (t.stderr && !t.tty)
        want.add('stderr');
    // v1 and v2 clients have no resize stream.
    if (t.tty && (protocol === PROTOCOLS[0] || protocol === PROTOCOLS[1]))
        want.add('resize');
    return want;
}
/** Takes over an upgrade request with `Upgrade: SPDY/3.1`. Throws (before answering) when no protocol fits. */
export function serveStreamSpdy(runtime, req, socket, head, t) {
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const protocol = PROTOCOLS.find((p) => offered.includes(p));
    if (!protocol) {
        throw Object.assign(new Error(`unable to upgrade: unable to negotiate protocol: client supports ${offered.join(', ') || 'none'}, server supports ${PROTOCOLS.join(', ')}`), { code: 403 });
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
    spdyOverSocket(socket, head, (transport) => {
        const session = new SpdySession(transport);
        session.on('error', () => { }); // the session has ended itself with GOAWAY
        const want = expectedStreams(t, protocol);
        const open = new Map();
        const timer = setTimeout(() => session.close(), STREAMS_TIMEOUT_MS);
        session.on('close', () => clearTimeout(timer));
        session.on('stream', (s) => {
            const type = s.header('streamtype');
            if (!type || !want.has(type) || open.has(type)) {
                s.abort(RST_REFUSED_STREAM);
                return;
            }
            open.set(type, s);
            void s.reply().then(() => {
                if (open.size !== want.size || session.closed)
                    return;
                clearTimeout(timer);
                void run(runtime, t, protocol, session, open, socket);
            }, () => session.close());
        });
        return session;
    });
}
async function run(runtime, t, protocol, session, open, socket) {
    const io = streamIO(t);
    const out = open.get('stdout');
    pump(io.stdout, out, session);
    pump(io.stderr, t.tty ? out : open.get('stderr'), session);
    feedStdin(open.get('stdin'), io, socket);
    feedSizes(open.get('resize'), io);
    session.on('close', () => {
        io.stdin?.end();
        io.gone.abort();
    });
    const status = await runStream(runtime, t, io);
    // Let buffered output go out before the status that ends the session.
    setImmediate(() => {
        const errors = open.get('error');
        if (protocol === PROTOCOLS[0])
            errors.write(status);
        else {
            // Before v4 a success writes nothing and a failure its message.
            const s = JSON.parse(status);
            if (s.status !== 'Success')
                errors.write(s.message ?? 'error');
        }
        for (const s of open.values())
            s.end();
        session.close();
    });
}
/** Output from the runtime to a stream, held back while the socket is full. */
function pump(from, to, session) {
    if (!to) {
        from.resume();
        return;
    }
    from.on('data', (d) => {
        if (!to.write(d)) {
            from.pause();
            session.once('drain', () => from.resume());
        }
    });
}
function feedStdin(s, io, socket) {
    const stdin = io.stdin;
    if (!s || !stdin)
        return;
    s.on('data', (b) => {
        if (stdin.writableEnded)
            return;
        // SPDY cannot hold back one stream: a command not reading its stdin pauses the whole connection.
        if (!stdin.write(b)) {
            socket.pause();
            stdin.once('drain', () => socket.resume());
        }
    });
    s.on('end', () => stdin.end());
    s.on('reset', () => stdin.end());
    if (s.remoteClosed)
        stdin.end();
}
function feedSizes(s, io) {
    if (!s)
        return;
    let pending = '';
    s.on('data', (b) => {
        pending += b.toString();
        const lines = pending.split('\n');
        pending = lines.pop();
        // A message that never ends is dropped rather than buffered.
        if (pending.length > MAX_SIZE_MESSAGE)
            pending = '';
        for (const line of lines) {
            const size = line.length <= MAX_SIZE_MESSAGE ? parseTerminalSize(line) : null;
            if (size)
                io.sizes.push(size);
        }
    });
}
//# sourceMappingURL=exec-spdy.js.map