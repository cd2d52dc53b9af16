// The transport of the components inside `berth server` (scheduler, controllers, its kubelet): each
// request goes to the API server's own handler as a request held in memory, as the user the
// component's certificate names. Authorization, admission, validation, managedFields, metrics, audit
// and watch semantics are the API's, as over HTTPS; TLS, sockets and HTTP framing are skipped, and a
// watch's lines reach the reader as the watch handler writes them.
import { EventEmitter } from 'node:events';
import { LineStream } from '../client/line-stream.js';
/** What the handlers read of a request: method, URL, headers and the body, which arrives at once. */
class MemoryRequest extends EventEmitter {
    method;
    url;
    headers;
    headersDistinct;
    /** The audit log's source IP: the server itself. */
    socket = { remoteAddress: '127.0.0.1' };
    #body;
    constructor(req) {
        super();
        this.method = req.method;
        this.url = req.path;
        const headers = { accept: 'application/json' };
        for (const [k, v] of Object.entries(req.headers ?? {}))
            headers[k.toLowerCase()] = v;
        this.#body = req.body === undefined ? undefined : Buffer.from(req.body);
        if (this.#body)
            headers['content-length'] = String(this.#body.length);
        this.headers = headers;
        this.headersDistinct = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
    }
    async *[Symbol.asyncIterator]() {
        if (this.#body?.length)
            yield this.#body;
    }
    resume() {
        return this;
    }
    destroy() {
        this.emit('close');
        return this;
    }
}
/**
 * What the handlers write to a response, handed to a sink. Nothing waits on the reader (the watch
 * handler sees an empty socket buffer), as the reader is this process, which takes each line as written.
 */
class MemoryResponse extends EventEmitter {
    statusCode = 200;
    headersSent = false;
    writableFinished = false;
    destroyed = false;
    writableLength = 0;
    #sink;
    constructor(sink) {
        super();
        this.#sink = sink;
    }
    setHeader() {
        return this;
    }
    writeHead(status) {
        this.statusCode = status;
        this.flushHeaders();
        return this;
    }
    flushHeaders() {
        if (this.headersSent)
            return;
        this.headersSent = true;
        this.#sink.head(this.statusCode);
    }
    write(chunk) {
        if (this.writableFinished || this.destroyed)
            return false;
        this.flushHeaders();
        this.#sink.data(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        return true;
    }
    end(chunk) {
        if (this.writableFinished || this.destroyed)
            return this;
        if (chunk !== undefined)
            this.write(chunk);
        this.flushHeaders();
        this.writableFinished = true;
        this.#sink.end();
        this.emit('finish');
        this.emit('close');
        return this;
    }
    destroy() {
        if (this.writableFinished || this.destroyed)
            return this;
        this.destroyed = true;
        this.#sink.end(new Error('the API server ended the response early'));
        this.emit('close');
        return this;
    }
}
export class InProcessTransport {
    #handle;
    #user;
    /** Open requests, ended by close() as closing the HTTPS transport's sockets ends them. */
    #open = new Set();
    constructor(handle, user) {
        this.#handle = handle;
        this.#user = user;
    }
    request(req) {
        return new Promise((resolve, reject) => {
            let status = 0;
            const chunks = [];
            this.#send(req, {
                head: (s) => void (status = s),
                data: (c) => void chunks.push(c),
                end: (error) => (error ? reject(error) : resolve({ status, body: chunks.join('') })),
            }, reject);
        });
    }
    stream(req) {
        return new Promise((resolve, reject) => {
            const stream = new LineStream();
            this.#send(req, {
                head: (status) => resolve({ status, lines: stream.lines }),
                data: (chunk) => stream.write(chunk),
                end: (error) => stream.end(req.signal?.aborted ? undefined : error),
            }, reject);
        });
    }
    close() {
        for (const r of [...this.#open])
            r.destroy();
    }
    #send(req, sink, reject) {
        const { signal } = req;
        if (signal?.aborted)
            return reject(signal.reason);
        const mreq = new MemoryRequest(req);
        const mres = new MemoryResponse(sink);
        // An aborted request ends as a dropped connection would: the handler sees both sides close.
        const abort = () => {
            reject(signal.reason);
            mreq.emit('close');
            mres.destroy();
        };
        signal?.addEventListener('abort', abort, { once: true });
        this.#open.add(mreq);
        mreq.once('close', () => mres.destroy());
        mres.once('close', () => {
            this.#open.delete(mreq);
            signal?.removeEventListener('abort', abort);
        });
        this.#handle(mreq, mres, this.#user);
    }
}
//# sourceMappingURL=in-process-transport.js.map