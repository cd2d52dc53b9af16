// Names outside the cluster's zone go to the host's resolvers, as CoreDNS's `forward . /etc/resolv.conf`
// does: the query is passed on as it came (over UDP when it came over UDP, TCP for TCP) under an id of
// ours, and the first upstream to answer wins; one that stays silent gives way to the next.

import dgram from 'node:dgram';
import net, { isIPv6 } from 'node:net';
import { parseResolvConf } from '../util/resolvConf.js';
import { deframer, frame } from './tcpFraming.js';

export interface Upstream { host: string; port: number }

/**
 * The kernel's queue for arriving datagrams (queries at the server, upstream's answers here): a burst
 * (every Pod of a node resolving at once, or the thread held up by a GC pause) waits there instead of
 * being dropped at the default ~200 KiB, which for a forwarded query means no answer until its timeout.
 * Linux caps it at net.core.rmem_max.
 */
export const UDP_RECV_BUFFER = 4 << 20;

/** The host's nameservers, but not `exclude` (cluster DNS itself, were it listed there). */
export function upstreamsOf(resolvConf: string, exclude: string[] = []): Upstream[] {
  const hosts = parseResolvConf(resolvConf).nameservers.filter((h) => !exclude.includes(h));
  // glibc's default when the file names none.
  return (hosts.length > 0 ? hosts : ['127.0.0.1']).map((host) => ({ host, port: 53 }));
}

/** A query sent upstream over UDP, under an id of ours, until its answer comes or its time is up. */
interface Pending { upstream: Upstream; queryId: number; timer: NodeJS.Timeout; resolve(b: Buffer): void }

type Done = (res: Buffer) => void;
type Failed = (e: unknown) => void;

export class Forwarder {
  readonly #upstreams: Upstream[];
  readonly #timeoutMs: number;
  readonly #sockets = new Map<'udp4' | 'udp6', dgram.Socket>();
  readonly #pending = new Map<number, Pending>();

  /** timeoutMs: how long each upstream has to answer before the next is asked. */
  constructor(upstreams: Upstream[], timeoutMs = 2_000) {
    this.#upstreams = upstreams;
    this.#timeoutMs = timeoutMs;
  }

  /** The upstream's response to a query (raw wire bytes), carrying the query's id; rejects when none answers. */
  exchange(query: Buffer, tcp: boolean): Promise<Buffer> {
    if (query.length < 12) return Promise.reject(new Error('query shorter than a DNS header'));
    // Callbacks rather than an async loop: every name outside the zone comes this way, thousands a second.
    return new Promise((resolve, reject) => this.#ask(0, query, tcp, resolve, reject, new Error('no upstream nameserver')));
  }

  close(): void {
    for (const s of this.#sockets.values()) s.close();
    this.#sockets.clear();
  }

  /** Asks the i-th upstream, and on its failure the next; `last` is the failure told when none is left. */
  #ask(i: number, query: Buffer, tcp: boolean, resolve: Done, reject: Failed, last: unknown): void {
    const up = this.#upstreams[i];
    if (!up) return reject(last);
    const next: Failed = (e) => this.#ask(i + 1, query, tcp, resolve, reject, e);
    if (tcp) this.#tcp(up, query).then(resolve, next);
    else this.#udp(up, query, resolve, next);
  }

  #socket(family: 'udp4' | 'udp6'): dgram.Socket {
    let s = this.#sockets.get(family);
    if (!s) {
      s = dgram.createSocket({ type: family, recvBufferSize: UDP_RECV_BUFFER });
      s.on('message', (msg, from) => {
        if (msg.length < 12) return;
        const id = msg.readUInt16BE(0);
        const p = this.#pending.get(id);
        // Only the upstream asked may answer under that id.
        if (!p || p.upstream.host !== from.address || p.upstream.port !== from.port) return;
        this.#pending.delete(id);
        clearTimeout(p.timer);
        msg.writeUInt16BE(p.queryId, 0);
        p.resolve(msg);
      });
      s.on('error', () => {});
      s.unref();
      this.#sockets.set(family, s);
    }
    return s;
  }

  #freeId(): number {
    for (;;) {
      const id = Math.floor(Math.random() * 0x10000);
      if (!this.#pending.has(id)) return id;
    }
  }

  #udp(up: Upstream, query: Buffer, resolve: Done, fail: Failed): void {
    const id = this.#freeId();
    const out = Buffer.from(query);
    out.writeUInt16BE(id, 0);
    const timer = setTimeout(() => {
      this.#pending.delete(id);
      fail(new Error(`${up.host}:${up.port} did not answer in ${this.#timeoutMs} ms`));
    }, this.#timeoutMs);
    this.#pending.set(id, { upstream: up, queryId: query.readUInt16BE(0), timer, resolve });
    this.#socket(isIPv6(up.host) ? 'udp6' : 'udp4').send(out, up.port, up.host, (err) => {
      if (!err || this.#pending.get(id)?.timer !== timer) return;
      clearTimeout(timer);
      this.#pending.delete(id);
      fail(err);
    });
  }

  /** One connection per query: TCP queries are the rare, large ones. */
  #tcp(up: Upstream, query: Buffer): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const sock = net.connect(up.port, up.host);
      sock.setTimeout(this.#timeoutMs, () => sock.destroy(new Error(`${up.host}:${up.port} did not answer over TCP`)));
      sock.on('error', reject);
      sock.on('close', () => reject(new Error(`${up.host}:${up.port} closed the connection before answering`)));
      sock.on('data', deframer((msg) => {
        resolve(msg);
        sock.destroy();
      }));
      sock.write(frame(query));
    });
  }
}
