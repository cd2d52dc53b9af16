// Names outside the cluster's zone go to the host's resolvers, as CoreDNS's `forward . /etc/resolv.conf`
// does: the query is passed on as it came (over UDP when it came over UDP, TCP for TCP) under an id of
// ours, and the first upstream to answer wins; one that stays silent gives way to the next.
import dgram from 'node:dgram';
import net, { isIPv6 } from 'node:net';
import { parseResolvConf } from '../util/resolvConf.js';
import { deframer, frame } from './tcpFraming.js';
/** The host's nameservers, but not `exclude` (cluster DNS itself, were it listed there). */
export function upstreamsOf(resolvConf, exclude = []) {
    const hosts = parseResolvConf(resolvConf).nameservers.filter((h) => !exclude.includes(h));
    // glibc's default when the file names none.
    return (hosts.length > 0 ? hosts : ['127.0.0.1']).map((host) => ({ host, port: 53 }));
}
export class Forwarder {
    #upstreams;
    #timeoutMs;
    #sockets = new Map();
    #pending = new Map();
    /** timeoutMs: how long each upstream has to answer before the next is asked. */
    constructor(upstreams, timeoutMs = 2_000) {
        this.#upstreams = upstreams;
        this.#timeoutMs = timeoutMs;
    }
    /** The upstream's response to a query (raw wire bytes), carrying the query's id; throws when none answers. */
    async exchange(query, tcp) {
        if (query.length < 12)
            throw new Error('query shorter than a DNS header');
        let last = new Error('no upstream nameserver');
        for (const up of this.#upstreams) {
            try {
                return tcp ? await this.#tcp(up, query) : await this.#udp(up, query);
            }
            catch (e) {
                last = e;
            }
        }
        throw last;
    }
    close() {
        for (const s of this.#sockets.values())
            s.close();
        this.#sockets.clear();
    }
    #socket(family) {
        let s = this.#sockets.get(family);
        if (!s) {
            s = dgram.createSocket(family);
            s.on('message', (msg, from) => {
                if (msg.length < 12)
                    return;
                const id = msg.readUInt16BE(0);
                const p = this.#pending.get(id);
                // Only the upstream asked may answer under that id.
                if (!p || p.upstream.host !== from.address || p.upstream.port !== from.port)
                    return;
                this.#pending.delete(id);
                p.resolve(msg);
            });
            s.on('error', () => { });
            s.unref();
            this.#sockets.set(family, s);
        }
        return s;
    }
    #freeId() {
        for (;;) {
            const id = Math.floor(Math.random() * 0x10000);
            if (!this.#pending.has(id))
                return id;
        }
    }
    #udp(up, query) {
        const id = this.#freeId();
        const out = Buffer.from(query);
        out.writeUInt16BE(id, 0);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.#pending.delete(id);
                reject(new Error(`${up.host}:${up.port} did not answer in ${this.#timeoutMs} ms`));
            }, this.#timeoutMs);
            this.#pending.set(id, {
                upstream: up,
                resolve: (msg) => {
                    clearTimeout(timer);
                    msg.writeUInt16BE(query.readUInt16BE(0), 0);
                    resolve(msg);
                },
            });
            this.#socket(isIPv6(up.host) ? 'udp6' : 'udp4').send(out, up.port, up.host, (err) => {
                if (!err)
                    return;
                clearTimeout(timer);
                this.#pending.delete(id);
                reject(err);
            });
        });
    }
    /** One connection per query: TCP queries are the rare, large ones. */
    #tcp(up, query) {
        return new Promise((resolve, reject) => {
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
//# sourceMappingURL=forward.js.map