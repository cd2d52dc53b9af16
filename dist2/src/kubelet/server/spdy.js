// A small server-side SPDY/3.1 session, enough for kubectl port-forward (its Go client is spdystream):
// frames are parsed from any byte transport (a raw upgraded socket, or binary WebSocket messages when
// SPDY is tunnelled), the peer opens the streams (odd ids), we answer SYN_REPLY, carry DATA both ways,
// echo PINGs and grant receive window with WINDOW_UPDATE.
//
// Frame layout (SPDY/3 draft §2.2): control frames start with the control bit, version 3 and a
// 16-bit type; data frames with a 31-bit stream id; both then carry 8 bits of flags and a 24-bit
// length. Header blocks (SYN_STREAM, SYN_REPLY, HEADERS) are name/value lists with 32-bit lengths,
// compressed with one zlib stream per direction for the whole session, primed with the dictionary of
// §2.6.10.1 and sync-flushed at the end of each block.
import { EventEmitter } from 'node:events';
import { constants as Z, createDeflate, createInflate } from 'node:zlib';
export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;
export const HEADERS = 8;
export const WINDOW_UPDATE = 9;
export const FLAG_FIN = 0x01;
export const RST_PROTOCOL_ERROR = 1;
export const RST_INVALID_STREAM = 2;
export const RST_REFUSED_STREAM = 3;
export const RST_CANCEL = 5;
export const RST_INTERNAL_ERROR = 6;
const VERSION = 3;
/** The initial per-stream window of SPDY/3 (64 KiB). */
export const INITIAL_WINDOW = 64 * 1024;
/** Largest DATA payload we send in one frame. */
const MAX_DATA = 16 * 1024;
// What we accept from the peer. The 24-bit length field allows 16 MiB, which a hostile peer would
// make us buffer per frame; kubectl writes DATA in pieces of its 32 KiB copy buffer and control
// frames of a few hundred bytes, so these bounds leave it ample room. A frame past them ends the
// session (GOAWAY with PROTOCOL_ERROR).
const MAX_DATA_FRAME = 1024 * 1024;
const MAX_CONTROL_FRAME = 64 * 1024;
/** A decompressed header block past this ends the session: zlib turns 64 KiB into ~64 MiB. */
const MAX_HEADER_BLOCK = 256 * 1024;
/** Streams open at once in one session; kubectl opens two per forwarded connection. */
const MAX_STREAMS = 1000;
// The header compression dictionary of the SPDY/3 draft: 32-bit-length-prefixed words (header
// names and common values), then a run of status codes, reason phrases, dates and content types.
const DICTIONARY_WORDS = [
    'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding',
    'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection',
    'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location',
    'content-md5', 'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host',
    'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified',
    'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
    'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via',
    'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url',
    'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICTIONARY_TAIL = '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
    '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
    '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
    'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
    'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
    'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';
export const HEADER_DICTIONARY = Buffer.concat([
    ...DICTIONARY_WORDS.flatMap((w) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(w.length);
        return [len, Buffer.from(w, 'latin1')];
    }),
    Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);
export function encodeHeaderBlock(headers) {
    const parts = [];
    const u32 = (n) => {
        const b = Buffer.alloc(4);
        b.writeUInt32BE(n);
        return b;
    };
    const entries = Object.entries(headers);
    parts.push(u32(entries.length));
    for (const [name, value] of entries) {
        const n = Buffer.from(name.toLowerCase());
        const v = Buffer.from((Array.isArray(value) ? value : [value]).join('\0'));
        parts.push(u32(n.length), n, u32(v.length), v);
    }
    return Buffer.concat(parts);
}
export function decodeHeaderBlock(block) {
    const h = new Map();
    if (block.length < 4)
        throw new Error('short header block');
    const count = block.readUInt32BE(0);
    let off = 4;
    const take = () => {
        if (off + 4 > block.length)
            throw new Error('truncated header block');
        const len = block.readUInt32BE(off);
        off += 4;
        if (off + len > block.length)
            throw new Error('truncated header block');
        const b = block.subarray(off, off + len);
        off += len;
        return b;
    };
    for (let i = 0; i < count; i++) {
        const name = take().toString('latin1').toLowerCase();
        const values = take().toString('utf8').split('\0');
        const known = h.get(name);
        if (known)
            known.push(...values);
        else
            h.set(name, values);
    }
    return h;
}
/**
 * Runs one block through a persistent zlib stream and returns what a sync flush yields. Output past
 * `limit` destroys the stream (its shared state is lost, so the session cannot go on) and rejects,
 * having held at most one zlib chunk more than the limit.
 */
function zlibStep(z, input, limit) {
    return new Promise((resolve, reject) => {
        const out = [];
        let size = 0;
        const onData = (c) => {
            size += c.length;
            if (size > limit) {
                z.off('data', onData);
                z.destroy();
                reject(new Error(`header block larger than ${limit} bytes`));
                return;
            }
            out.push(c);
        };
        const onError = (e) => {
            z.off('data', onData);
            reject(e);
        };
        z.on('data', onData);
        z.once('error', onError);
        z.write(input);
        z.flush(Z.Z_SYNC_FLUSH, () => {
            z.off('data', onData);
            z.off('error', onError);
            resolve(Buffer.concat(out));
        });
    });
}
/** Serialises calls to a zlib stream: its state is shared by every block of the session. */
class HeaderCodec {
    #z;
    #last = Promise.resolve();
    constructor(z) {
        this.#z = z;
        z.on('error', () => { }); // surfaced through the step's rejection
    }
    run(input, limit = Infinity) {
        const p = this.#last.then(() => zlibStep(this.#z, input, limit));
        this.#last = p.catch(() => { });
        return p;
    }
    close() {
        this.#z.close();
    }
}
/** Splits a byte stream into frames. */
export class FrameParser {
    #buf = Buffer.alloc(0);
    push(chunk) {
        this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
        const frames = [];
        while (this.#buf.length >= 8) {
            const len = this.#buf.readUIntBE(5, 3);
            const control = (this.#buf[0] & 0x80) !== 0;
            // Refused from its header alone, before any of it is buffered.
            if (len > (control ? MAX_CONTROL_FRAME : MAX_DATA_FRAME))
                throw new Error(`${control ? 'control' : 'data'} frame of ${len} bytes is too large`);
            if (this.#buf.length < 8 + len)
                break;
            const head = this.#buf.subarray(0, 8);
            const payload = this.#buf.subarray(8, 8 + len);
            this.#buf = this.#buf.subarray(8 + len);
            if (control) {
                const version = head.readUInt16BE(0) & 0x7fff;
                if (version !== VERSION)
                    throw new Error(`unsupported SPDY version ${version}`);
                const type = head.readUInt16BE(2);
                const streamId = [SYN_STREAM, SYN_REPLY, RST_STREAM, HEADERS, WINDOW_UPDATE].includes(type) && payload.length >= 4 ? payload.readUInt32BE(0) & 0x7fffffff : 0;
                frames.push({ control, type, flags: head[4], streamId, payload });
            }
            else {
                frames.push({ control, type: 0, flags: head[4], streamId: head.readUInt32BE(0) & 0x7fffffff, payload });
            }
        }
        return frames;
    }
}
function controlFrame(type, flags, payload) {
    if (payload.length > MAX_CONTROL_FRAME)
        throw new Error('frame too large');
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8000 | VERSION, 0);
    head.writeUInt16BE(type, 2);
    head.writeUInt32BE(payload.length, 4);
    head[4] = flags;
    return Buffer.concat([head, payload]);
}
function dataFrame(streamId, flags, data) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 4);
    head.writeUInt32BE(streamId & 0x7fffffff, 0);
    head[4] = flags;
    return Buffer.concat([head, data]);
}
function u32s(...n) {
    const b = Buffer.alloc(4 * n.length);
    n.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
    return b;
}
/**
 * One stream opened by the peer. Events: 'data' (Buffer), 'end' (peer sent FIN), 'reset' (RST_STREAM
 * or the session went away). Local writes go out as DATA frames after reply().
 */
export class SpdyStream extends EventEmitter {
    id;
    headers;
    #session;
    remoteClosed = false;
    localClosed = false;
    reset = false;
    #unacked = 0;
    constructor(session, id, headers) {
        super();
        this.#session = session;
        this.id = id;
        this.headers = headers;
    }
    header(name) {
        return this.headers.get(name)?.[0];
    }
    /** Accepts the stream (SYN_REPLY). */
    reply(headers = {}) {
        return this.#session.sendReply(this, headers);
    }
    /** Sends data; false means the transport is full (wait for the session's 'drain'). */
    write(data) {
        if (this.localClosed || this.reset)
            return true;
        const b = typeof data === 'string' ? Buffer.from(data) : data;
        let ok = true;
        for (let off = 0; off < b.length; off += MAX_DATA)
            ok = this.#session.send(dataFrame(this.id, 0, b.subarray(off, off + MAX_DATA))) && ok;
        return ok;
    }
    /** Half-closes our side (empty DATA with FIN). */
    end() {
        if (this.localClosed || this.reset)
            return;
        this.localClosed = true;
        this.#session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
        this.#session.maybeForget(this);
    }
    /** Aborts the stream (RST_STREAM). */
    abort(status = RST_CANCEL) {
        if (this.reset)
            return;
        this.#session.send(controlFrame(RST_STREAM, 0, u32s(this.id, status)));
        this.onReset();
    }
    /** @internal */
    onData(data, fin) {
        if (data.length) {
            // Give the window back as data arrives, in steps, so a sender that honours it never stalls.
            this.#unacked += data.length;
            if (this.#unacked >= INITIAL_WINDOW / 2 && !this.remoteClosed) {
                this.#session.send(controlFrame(WINDOW_UPDATE, 0, u32s(this.id, this.#unacked)));
                this.#unacked = 0;
            }
            if (!this.remoteClosed)
                this.emit('data', data);
        }
        if (fin && !this.remoteClosed) {
            this.remoteClosed = true;
            this.emit('end');
            this.#session.maybeForget(this);
        }
    }
    /** @internal */
    onReset() {
        if (this.reset)
            return;
        this.reset = true;
        this.emit('reset');
        this.#session.maybeForget(this, true);
    }
}
/** Events: 'stream' (SpdyStream, after its headers are decoded), 'drain', 'close', 'error'. */
export class SpdySession extends EventEmitter {
    #transport;
    #parser = new FrameParser();
    #inflate = new HeaderCodec(createInflate({ dictionary: HEADER_DICTIONARY }));
    #deflate = new HeaderCodec(createDeflate({ dictionary: HEADER_DICTIONARY }));
    #streams = new Map();
    /** Frames are handled strictly in order: header blocks decompress asynchronously. */
    #queue = Promise.resolve();
    #lastStreamId = 0;
    #closed = false;
    constructor(transport) {
        super();
        this.#transport = transport;
        transport.onDrain(() => this.emit('drain'));
    }
    get closed() {
        return this.#closed;
    }
    /** Feed bytes from the transport. */
    receive(chunk) {
        if (this.#closed)
            return;
        let frames;
        try {
            frames = this.#parser.push(chunk);
        }
        catch (e) {
            this.#fail(e);
            return;
        }
        for (const f of frames)
            this.#queue = this.#queue.then(() => this.#handle(f)).catch((e) => this.#fail(e));
    }
    /** The transport ended or broke: every stream is reset. */
    transportClosed() {
        if (this.#closed)
            return;
        this.#closed = true;
        for (const s of [...this.#streams.values()])
            s.onReset();
        this.#streams.clear();
        this.#inflate.close();
        this.#deflate.close();
        this.emit('close');
    }
    /** GOAWAY, then close the transport. */
    close() {
        if (this.#closed)
            return;
        this.send(controlFrame(GOAWAY, 0, u32s(this.#lastStreamId, 0)));
        this.#transport.close();
        this.transportClosed();
    }
    /** @internal */
    send(frame) {
        if (this.#closed)
            return true;
        return this.#transport.write(frame);
    }
    /** @internal */
    async sendReply(s, headers) {
        const block = await this.#deflate.run(encodeHeaderBlock(headers));
        this.send(controlFrame(SYN_REPLY, 0, Buffer.concat([u32s(s.id), block])));
    }
    /** @internal */
    maybeForget(s, force = false) {
        if (force || (s.localClosed && s.remoteClosed))
            this.#streams.delete(s.id);
    }
    #fail(e) {
        if (this.#closed)
            return;
        this.emit('error', e);
        this.send(controlFrame(GOAWAY, 0, u32s(this.#lastStreamId, 1)));
        this.#transport.close();
        this.transportClosed();
    }
    async #handle(f) {
        if (this.#closed)
            return;
        if (!f.control) {
            const s = this.#streams.get(f.streamId);
            if (!s) {
                // DATA for a stream we no longer know: tell the peer, unless it is a bare FIN.
                if (f.payload.length)
                    this.send(controlFrame(RST_STREAM, 0, u32s(f.streamId, RST_INVALID_STREAM)));
                return;
            }
            s.onData(f.payload, (f.flags & FLAG_FIN) !== 0);
            return;
        }
        switch (f.type) {
            case SYN_STREAM: {
                if (f.payload.length < 10)
                    throw new Error('short SYN_STREAM');
                // Decompress even when refusing: the zlib state is shared by every header block.
                const headers = decodeHeaderBlock(await this.#inflate.run(f.payload.subarray(10), MAX_HEADER_BLOCK));
                const id = f.streamId;
                if (id % 2 === 0 || id <= this.#lastStreamId || this.#streams.has(id)) {
                    this.send(controlFrame(RST_STREAM, 0, u32s(id, RST_PROTOCOL_ERROR)));
                    return;
                }
                this.#lastStreamId = id;
                if (this.#streams.size >= MAX_STREAMS) {
                    this.send(controlFrame(RST_STREAM, 0, u32s(id, RST_REFUSED_STREAM)));
                    return;
                }
                const s = new SpdyStream(this, id, headers);
                this.#streams.set(id, s);
                if (f.flags & FLAG_FIN)
                    s.remoteClosed = true;
                this.emit('stream', s);
                return;
            }
            case HEADERS: {
                await this.#inflate.run(f.payload.subarray(4), MAX_HEADER_BLOCK);
                if (f.flags & FLAG_FIN)
                    this.#streams.get(f.streamId)?.onData(Buffer.alloc(0), true);
                return;
            }
            case SYN_REPLY:
                // We never open streams; keep the compression state in step anyway.
                await this.#inflate.run(f.payload.subarray(4), MAX_HEADER_BLOCK);
                return;
            case RST_STREAM:
                this.#streams.get(f.streamId)?.onReset();
                return;
            case PING:
                // Echo the peer's pings (odd ids from a client); ours would be even and we send none.
                if (f.payload.length >= 4 && f.payload.readUInt32BE(0) % 2 === 1)
                    this.send(controlFrame(PING, 0, f.payload.subarray(0, 4)));
                return;
            case GOAWAY:
                // No new streams will come; existing ones finish on their own, then the peer closes.
                return;
            case SETTINGS:
            case WINDOW_UPDATE:
                // The Go client neither grants nor honours windows; we send without limit.
                return;
            default:
                return; // unknown control frames are ignored (§2.2.1)
        }
    }
}
/**
 * Runs a session on an upgraded socket (the 101 answer already written): the socket's bytes feed the
 * session, and either side ending ends the other.
 */
export function spdyOverSocket(socket, head, serve) {
    const session = serve({
        write: (b) => !socket.destroyed && socket.write(b),
        onDrain: (cb) => socket.on('drain', cb),
        close: () => socket.end(),
    });
    socket.on('data', (b) => session.receive(b));
    // The server keeps sockets half-open: a peer that stops sending gets our GOAWAY and our end too.
    socket.on('end', () => session.close());
    socket.on('close', () => session.transportClosed());
    socket.on('error', () => session.transportClosed());
    if (head.length)
        session.receive(head);
    return session;
}
//# sourceMappingURL=spdy.js.map