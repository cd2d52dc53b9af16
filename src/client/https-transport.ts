// The network transport: node:https (or http for plain URLs) with keep-alive Agents, so the TLS
// handshake and client-certificate exchange happen once per socket, not per request. Streams (watches,
// followed logs) hold a socket for their whole life, so they have an Agent of their own: were they to
// share the bounded pool of short requests, a node watching enough objects would starve its heartbeat.
// Short requests past the pool's size wait their turn in a RequestGate.

import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { ConnectionConfig } from './kubeconfig.js';
import { LineStream } from './line-stream.js';
import { RequestGate } from './request-gate.js';
import type { StreamResponse, Transport, TransportRequest, TransportResponse } from './transport.js';

export class HttpsTransport implements Transport {
  #base: URL;
  #agent: http.Agent;
  #gate: RequestGate;
  #streams: http.Agent;
  #lib: typeof http | typeof https;
  #auth: Record<string, string>;

  constructor(config: ConnectionConfig, opts: { maxSockets?: number } = {}) {
    this.#base = new URL(config.server);
    const secure = this.#base.protocol === 'https:';
    this.#lib = secure ? https : http;
    // One secure context for every socket: given only ca/cert/key, each new connection (every watch
    // opens one) would parse them and build its own.
    const secureContext = secure ? tls.createSecureContext({ ca: config.ca, cert: config.cert, key: config.key }) : undefined;
    const agent = (maxSockets: number): http.Agent => secure
      ? new https.Agent({ keepAlive: true, maxSockets, secureContext, rejectUnauthorized: !config.insecureSkipTLSVerify })
      : new http.Agent({ keepAlive: true, maxSockets });
    const maxSockets = opts.maxSockets ?? 64;
    this.#agent = agent(maxSockets);
    this.#gate = new RequestGate(maxSockets);
    this.#streams = agent(Infinity);
    this.#auth = config.token ? { authorization: `Bearer ${config.token}` } : {};
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    return this.#gate.run(async () => {
      const res = await this.#send(req, this.#agent);
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
    });
  }

  async stream(req: TransportRequest): Promise<StreamResponse> {
    const res = await this.#send(req, this.#streams);
    const stream = new LineStream();
    const { lines } = stream;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => stream.write(chunk));
    res.on('end', () => stream.end());
    // An abort or a dropped socket ends the stream; the reader learns it from the error.
    res.on('error', (err) => lines.close(req.signal?.aborted ? undefined : err));
    res.on('close', () => lines.close());
    return { status: res.statusCode ?? 0, lines };
  }

  close(): void {
    this.#agent.destroy();
    this.#streams.destroy();
  }

  #send(req: TransportRequest, agent: http.Agent): Promise<http.IncomingMessage> {
    const url = new URL(req.path, this.#base);
    const headers: Record<string, string> = { accept: 'application/json', ...this.#auth, ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    return new Promise((resolve, reject) => {
      const r = this.#lib.request(url, { method: req.method, headers, agent, signal: req.signal }, resolve);
      r.on('error', reject);
      r.end(req.body);
    });
  }
}
