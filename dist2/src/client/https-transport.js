// The network transport: node:https (or http for plain URLs) with keep-alive Agents, so the TLS
// handshake and client-certificate exchange happen once per socket, not per request. Streams (watches,
// followed logs) hold a socket for their whole life, so they have an Agent of their own: were they to
// share the bounded pool of short requests, a node watching enough objects would starve its heartbeat.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { LineStream } from './line-stream.js';
export class HttpsTransport {
    #base;
    #agent;
    #streams;
    #lib;
    #auth;
    constructor(config, opts = {}) {
        this.#base = new URL(config.server);
        const secure = this.#base.protocol === 'https:';
        this.#lib = secure ? https : http;
        // One secure context for every socket: given only ca/cert/key, each new connection (every watch
        // opens one) would parse them and build its own.
        const secureContext = secure ? tls.createSecureContext({ ca: config.ca, cert: config.cert, key: config.key }) : undefined;
        const agent = (maxSockets) => secure
            ? new https.Agent({ keepAlive: true, maxSockets, secureContext, rejectUnauthorized: !config.insecureSkipTLSVerify })
            : new http.Agent({ keepAlive: true, maxSockets });
        this.#agent = agent(opts.maxSockets ?? 64);
        this.#streams = agent(Infinity);
        this.#auth = config.token ? { authorization: `Bearer ${config.token}` } : {};
    }
    async request(req) {
        const res = await this.#send(req, this.#agent);
        const chunks = [];
        for await (const c of res)
            chunks.push(c);
        return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
    }
    async stream(req) {
        const res = await this.#send(req, this.#streams);
        const stream = new LineStream();
        const { lines } = stream;
        res.setEncoding('utf8');
        res.on('data', (chunk) => stream.write(chunk));
        res.on('end', () => stream.end());
        // An abort or a dropped socket ends the stream; the reader learns it from the error.
        res.on('error', (err) => lines.close(req.signal?.aborted ? undefined : err));
        res.on('close', () => lines.close());
        return { status: res.statusCode ?? 0, lines };
    }
    close() {
        this.#agent.destroy();
        this.#streams.destroy();
    }
    #send(req, agent) {
        const url = new URL(req.path, this.#base);
        const headers = { accept: 'application/json', ...this.#auth, ...req.headers };
        if (req.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(req.body));
        return new Promise((resolve, reject) => {
            const r = this.#lib.request(url, { method: req.method, headers, agent, signal: req.signal }, resolve);
            r.on('error', reject);
            r.end(req.body);
        });
    }
}
//# sourceMappingURL=https-transport.js.map