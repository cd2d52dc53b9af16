// DNS for tests and benches: a client asking one question over UDP or TCP, and a tiny upstream server
// answering fixed A records, so forwarding is tested without the internet.
import dgram from 'node:dgram';
import net from 'node:net';
import * as dnsPacket from 'dns-packet';
import { deframer, frame } from '../../src/dns/tcpFraming.js';
export function encodeQuery(name, type, opts = {}) {
    return dnsPacket.encode({
        type: 'query', id: opts.id ?? Math.floor(Math.random() * 0x10000), flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ type, name, class: 'IN' }],
        additionals: opts.edns ? [{ type: 'OPT', name: '.', udpPayloadSize: opts.edns, flags: 0, options: [] }] : [],
    });
}
/** Sends raw bytes over UDP and returns the first reply (or null after timeoutMs). */
export function udpExchange(port, msg, host = '127.0.0.1', timeoutMs = 2_000) {
    return new Promise((resolve) => {
        const s = dgram.createSocket('udp4');
        const timer = setTimeout(() => { s.close(); resolve(null); }, timeoutMs);
        s.on('message', (m) => { clearTimeout(timer); s.close(); resolve(m); });
        s.send(msg, port, host);
    });
}
/** Sends one framed message over TCP and returns the reply (or null when the connection ends or times out first). */
export function tcpExchange(port, msg, host = '127.0.0.1', timeoutMs = 2_000) {
    return new Promise((resolve) => {
        const sock = net.connect(port, host);
        sock.setTimeout(timeoutMs, () => sock.destroy());
        sock.on('error', () => { });
        sock.on('close', () => resolve(null));
        sock.on('data', deframer((m) => { resolve(m); sock.destroy(); }));
        sock.write(frame(msg));
    });
}
export function decode(msg) {
    return dnsPacket.decode(msg);
}
export async function ask(port, name, type, opts = {}) {
    const q = encodeQuery(name, type, opts);
    const res = opts.tcp ? await tcpExchange(port, q, opts.host) : await udpExchange(port, q, opts.host);
    if (!res)
        throw new Error(`no answer for ${name} ${type}`);
    return decode(res);
}
/** A stand-in for the host's resolver: answers A for the names given, NXDOMAIN for others, over UDP and TCP. */
export async function startUpstream(records, at = {}) {
    const host = at.host ?? '127.0.0.1';
    const queries = [];
    const respond = (msg) => {
        const q = dnsPacket.decode(msg);
        const question = q.questions[0];
        queries.push(`${question.name} ${question.type}`);
        const ip = records[question.name.toLowerCase()];
        return dnsPacket.encode({
            type: 'response', id: q.id, flags: dnsPacket.RECURSION_AVAILABLE | (ip ? 0 : 3), questions: [question],
            answers: ip && question.type === 'A' ? [{ type: 'A', name: question.name, ttl: 60, data: ip }] : [],
        });
    };
    // A free UDP port's TCP twin may be another socket's (other test files run at once): then try another.
    for (let attempt = 1;; attempt++) {
        const udp = dgram.createSocket('udp4');
        udp.on('message', (m, from) => udp.send(respond(m), from.port, from.address));
        await new Promise((r) => udp.bind(at.port ?? 0, host, r));
        const port = udp.address().port;
        const tcp = net.createServer((sock) => sock.on('data', deframer((m) => sock.write(frame(respond(m))))));
        const listening = await new Promise((resolve, reject) => {
            tcp.once('error', (e) => (e.code === 'EADDRINUSE' && at.port === undefined && attempt < 5 ? resolve(false) : reject(e)));
            tcp.listen(port, host, () => resolve(true));
        });
        if (!listening) {
            udp.close();
            continue;
        }
        return {
            port, queries,
            close: async () => {
                udp.close();
                await new Promise((r) => tcp.close(() => r()));
            },
        };
    }
}
//# sourceMappingURL=dns.js.map