// kubectl port-forward: the kubelet end. Three ways in, one per client generation:
//  - POST with `Upgrade: SPDY/3.1` (kubectl ≤ 1.30): SPDY/3.1 straight on the upgraded socket;
//  - WebSocket with subprotocol `SPDY/3.1+portforward.k8s.io` (kubectl ≥ 1.31): the same SPDY bytes
//    carried in binary WebSocket messages;
//  - WebSocket channels (`v4.channel.k8s.io` / `portforward.k8s.io`, `?ports=a,b`, as
//    @kubernetes/client-node speaks it): channel 2i carries port i's data, 2i+1 its errors, and the
//    first message on each channel is the port as 2 bytes little-endian.
// Over SPDY, each local connection is a pair of streams sharing a `requestid` header: "error" (we write
// a message there when forwarding fails, then close it) and "data" (piped to the Pod's port through
// runtime.portForward, which dials inside the Pod's network namespace).
import { webSocketEndpoint } from './channels.js';
import { RST_REFUSED_STREAM, SpdySession, spdyOverSocket } from './spdy.js';
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
const SPDY_UPGRADE = 'SPDY/3.1';
const TUNNEL_PREFIX = 'SPDY/3.1+';
const CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', PORT_FORWARD_PROTOCOL, 'channel.k8s.io'];
/** How long the second stream of a pair may take to arrive. */
const PAIR_TIMEOUT_MS = 30_000;
/** Above this many buffered bytes on a WebSocket we stop reading from the Pod. */
const WS_HIGH_WATER = 1 << 20;
// `SPDY/3.1+portforward.k8s.io` is not an RFC 7230 token ('/' is not a tchar), and ws refuses such a
// Sec-WebSocket-Protocol request header outright. So '/' is swapped for '~' in the request before ws
// parses it, and the name chosen here (written verbatim into the response) is the real one.
const SLASH_STANDIN = '~';
const TUNNEL = TUNNEL_PREFIX + PORT_FORWARD_PROTOCOL;
const accept = webSocketEndpoint((offered) => (offered.has(TUNNEL.replaceAll('/', SLASH_STANDIN)) ? TUNNEL : CHANNEL_PROTOCOLS.find((p) => offered.has(p)) ?? false));
function validPort(n) {
    return Number.isInteger(n) && n > 0 && n < 65536;
}
/**
 * Dials the port and wires it to the peer: `out` gets the Pod's bytes (returning false to pause),
 * `done` is called once with an error message (or undefined) when the connection is over.
 */
async function dial(runtime, t, port, out, done) {
    const fail = (e) => `error forwarding port ${port} to pod ${t.pod}, uid ${t.uid}: ${e.message}`;
    let sock;
    try {
        sock = await runtime.portForward(t.sandboxId, port);
    }
    catch (e) {
        done(fail(e));
        return undefined;
    }
    let error;
    sock.on('data', (b) => {
        if (!out.data(b)) {
            sock.pause();
            out.onDrain(() => sock.resume());
        }
    });
    // Stay half-open when the Pod side ends: the namespace relay reports a refused connection by
    // exiting non-zero, which can arrive just after its end of stream; until the socket closes, that
    // error still reaches us. The relay closes the socket on exit; a direct socket we close ourselves.
    sock.allowHalfOpen = true;
    sock.on('end', () => {
        out.end();
        setTimeout(() => sock.end(), 250).unref();
    });
    sock.on('error', (e) => (error ??= fail(e)));
    sock.on('close', () => {
        out.end();
        done(error);
    });
    return {
        write: (b) => void (sock.writable && sock.write(b)),
        end: () => void (sock.writable && sock.end()),
        destroy: () => sock.destroy(),
    };
}
function serveSpdy(runtime, t, transport) {
    const session = new SpdySession(transport);
    const pairs = new Map();
    const drainWaiters = [];
    session.on('drain', () => drainWaiters.splice(0).forEach((cb) => cb()));
    session.on('error', () => { });
    session.on('close', () => {
        for (const p of pairs.values())
            clearTimeout(p.timer);
        pairs.clear();
    });
    const start = async (p) => {
        const data = p.data;
        const errorStream = p.error;
        const port = Number(data.header('port'));
        const finish = (err) => {
            if (err)
                errorStream.write(err);
            errorStream.end();
            data.end();
        };
        if (!validPort(port))
            return finish(`invalid port "${data.header('port') ?? ''}"`);
        const pipe = await dial(runtime, t, port, {
            data: (b) => data.write(b),
            end: () => data.end(),
            onDrain: (cb) => drainWaiters.push(cb),
        }, finish);
        if (!pipe)
            return;
        data.on('data', (b) => pipe.write(b));
        data.on('end', () => pipe.end());
        data.on('reset', () => pipe.destroy());
        if (data.remoteClosed)
            pipe.end();
    };
    session.on('stream', (s) => {
        const type = s.header('streamtype');
        if (type !== 'data' && type !== 'error') {
            s.abort(RST_REFUSED_STREAM);
            return;
        }
        // Clients before requestid paired streams by id: the error stream comes first, two ids earlier.
        const requestId = s.header('requestid') ?? String(type === 'error' ? s.id : s.id - 2);
        void s.reply().then(() => {
            let p = pairs.get(requestId);
            if (!p) {
                p = { timer: setTimeout(() => {
                        pairs.delete(requestId);
                        p?.data?.abort();
                        p?.error?.abort();
                    }, PAIR_TIMEOUT_MS) };
                pairs.set(requestId, p);
            }
            if (p[type]) {
                s.abort();
                return;
            }
            p[type] = s;
            if (p.data && p.error) {
                clearTimeout(p.timer);
                pairs.delete(requestId);
                void start(p);
            }
        }, () => session.close());
    });
    return session;
}
function wsTransport(ws) {
    const drains = [];
    return {
        write: (b) => {
            if (ws.readyState !== ws.OPEN)
                return true;
            ws.send(b, { binary: true }, () => {
                if (ws.bufferedAmount < WS_HIGH_WATER)
                    drains.splice(0).forEach((cb) => cb());
            });
            return ws.bufferedAmount < WS_HIGH_WATER;
        },
        onDrain: (cb) => drains.push(cb),
        close: () => ws.close(1000),
    };
}
// ---- WebSocket channels ----
function serveChannels(runtime, t, ws) {
    const send = (ch, b) => {
        if (ws.readyState !== ws.OPEN)
            return true;
        ws.send(Buffer.concat([Buffer.from([ch]), b]), { binary: true });
        return ws.bufferedAmount < WS_HIGH_WATER;
    };
    const portBytes = (p) => {
        const b = Buffer.alloc(2);
        b.writeUInt16LE(p);
        return b;
    };
    const pipes = [];
    let open = t.ports.length;
    const pending = t.ports.map(() => []);
    t.ports.forEach((port, i) => {
        send(2 * i, portBytes(port));
        send(2 * i + 1, portBytes(port));
        void dial(runtime, t, port, {
            data: (b) => send(2 * i, b),
            end: () => { },
            onDrain: (cb) => setTimeout(cb, 10),
        }, (err) => {
            if (err)
                send(2 * i + 1, Buffer.from(err));
            if (--open === 0 && ws.readyState === ws.OPEN)
                ws.close(1000);
        }).then((pipe) => {
            pipes[i] = pipe;
            for (const b of pending[i].splice(0))
                pipe?.write(b);
        });
    });
    ws.on('message', (data) => {
        if (!data.length)
            return;
        const ch = data[0];
        if (ch % 2 !== 0 || ch / 2 >= t.ports.length)
            return;
        const i = ch / 2;
        const body = data.subarray(1);
        if (!body.length)
            return;
        if (pipes[i])
            pipes[i].write(body);
        else
            pending[i].push(body);
    });
    ws.on('close', () => pipes.forEach((p) => p?.destroy()));
}
/** Takes over an upgrade request for /portForward/. Throws (before answering) on a bad request. */
export function servePortForward(runtime, req, socket, head, t) {
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') {
        const protocols = req.headers['sec-websocket-protocol'];
        if (typeof protocols === 'string')
            req.headers['sec-websocket-protocol'] = protocols.replaceAll('/', SLASH_STANDIN);
        accept(req, socket, head, (ws) => {
            if (ws.protocol.startsWith(TUNNEL_PREFIX)) {
                const session = serveSpdy(runtime, t, wsTransport(ws));
                ws.on('message', (data) => session.receive(data));
                ws.on('close', () => session.transportClosed());
                ws.on('error', () => session.transportClosed());
                return;
            }
            if (!t.ports.length || !t.ports.every(validPort)) {
                ws.close(1008, 'query parameter "ports" is required: a comma-separated list of ports');
                return;
            }
            serveChannels(runtime, t, ws);
        });
        return;
    }
    if (upgrade !== SPDY_UPGRADE.toLowerCase())
        throw Object.assign(new Error(`unsupported upgrade "${req.headers.upgrade ?? ''}"`), { code: 400 });
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (offered.length && !offered.includes(PORT_FORWARD_PROTOCOL)) {
        throw Object.assign(new Error(`unable to upgrade: unable to negotiate protocol: client supports ${offered.join(', ')}, server supports ${PORT_FORWARD_PROTOCOL}`), { code: 403 });
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${SPDY_UPGRADE}\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`);
    spdyOverSocket(socket, head, (transport) => serveSpdy(runtime, t, transport));
}
//# sourceMappingURL=portforward.js.map