// The DNS server: UDP and TCP on one address and port. Questions in the cluster's zone are answered
// from the zone (authoritative, AA set); every other one goes to the forwarder. No input may crash it:
// a message that does not decode is answered FORMERR when its header can be read, else dropped.
import dgram from 'node:dgram';
import net, { isIPv6 } from 'node:net';
import * as dnsPacket from 'dns-packet';
import { deframer, frame } from './tcpFraming.js';
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
/** A UDP response's limit without EDNS (RFC 1035), and the size we advertise with it (DNS flag day 2020). */
const UDP_PLAIN_MAX = 512;
const EDNS_UDP_SIZE = 1232;
const TCP_IDLE_MS = 10_000;
/** Zone responses kept for repeated questions (the least recently asked go first); all are dropped when the cluster changes. */
const CACHE_MAX = 10_000;
export class DnsServer {
    #zone;
    #forwarder;
    #log;
    /** The zone's responses by the query's bytes after its id, for the cluster as of #cacheSerial. */
    #cache = new Map();
    #cacheSerial = -1;
    #udp;
    #tcp;
    constructor(o) {
        this.#zone = o.zone;
        this.#forwarder = o.forwarder;
        this.#log = o.log ?? ((m) => console.error(`dns: ${m}`));
    }
    /**
     * Listens on host:port over UDP and TCP (port 0: a free one, the same for both); returns the port. With
     * port 0 the UDP port's TCP twin may be taken by another socket: then both are given up and tried anew.
     */
    async listen(host, port) {
        for (let attempt = 1;; attempt++) {
            try {
                return await this.#listenOnce(host, port);
            }
            catch (e) {
                if (port !== 0 || e.code !== 'EADDRINUSE' || attempt === 5)
                    throw e;
            }
        }
    }
    async #listenOnce(host, port) {
        const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
        udp.on('message', (msg, from) => {
            // A repeated question is answered at once, without a promise in between.
            const hit = this.#fromCache(msg, 'udp');
            if (hit)
                return udp.send(hit, from.port, from.address);
            void this.handle(msg, 'udp').then((res) => {
                if (res)
                    udp.send(res, from.port, from.address);
            }, (e) => this.#log(`answering ${from.address}: ${e.message}`));
        });
        await new Promise((resolve, reject) => {
            udp.once('error', reject);
            udp.bind(port, host, () => { udp.off('error', reject); resolve(); });
        });
        udp.on('error', (e) => this.#log(`udp: ${e.message}`));
        const bound = udp.address().port;
        const tcp = net.createServer((sock) => this.#serveConnection(sock));
        try {
            await new Promise((resolve, reject) => {
                tcp.once('error', reject);
                tcp.listen(bound, host, () => { tcp.off('error', reject); resolve(); });
            });
        }
        catch (e) {
            udp.close();
            throw e;
        }
        tcp.on('error', (e) => this.#log(`tcp: ${e.message}`));
        this.#udp = udp;
        this.#tcp = tcp;
        return bound;
    }
    async close() {
        this.#udp?.close();
        await new Promise((resolve) => (this.#tcp ? this.#tcp.close(() => resolve()) : resolve()));
        this.#udp = undefined;
        this.#tcp = undefined;
    }
    #serveConnection(sock) {
        sock.setTimeout(TCP_IDLE_MS, () => sock.destroy());
        sock.on('error', () => sock.destroy());
        sock.on('data', deframer((msg) => {
            void this.handle(msg, 'tcp').then((res) => {
                if (res && !sock.destroyed)
                    sock.write(frame(res));
            }, (e) => this.#log(`answering over tcp: ${e.message}`));
        }));
    }
    /** The response to one query's wire bytes; null when there is nothing to answer (not a query at all). */
    async handle(msg, transport) {
        const cached = this.#fromCache(msg, transport);
        if (cached)
            return cached;
        let query;
        try {
            query = dnsPacket.decode(msg);
        }
        catch {
            return msg.length >= 12 && !(msg.readUInt16BE(2) & 0x8000) ? encodeResponse({ id: msg.readUInt16BE(0), flags: 0 }, [], 'FORMERR') : null;
        }
        if (query.type === 'response')
            return null;
        // dns-packet decodes the opcode but its types leave it out.
        if (query.opcode !== 'QUERY')
            return encodeResponse(query, query.questions ?? [], 'NOTIMP');
        if (query.questions?.length !== 1)
            return encodeResponse(query, query.questions ?? [], 'FORMERR');
        const q = query.questions[0];
        if (!this.#zone.contains(q.name)) {
            try {
                return await this.#forwarder.exchange(msg, transport === 'tcp');
            }
            catch (e) {
                this.#log(`forwarding ${q.name} ${q.type}: ${e.message}`);
                return encodeResponse(query, [q], 'SERVFAIL');
            }
        }
        if (q.class && q.class !== 'IN' && q.class !== 'ANY')
            return encodeResponse(query, [q], 'REFUSED');
        try {
            const { response, cacheable } = await this.#answerFromZone(query, q, transport);
            if (cacheable) {
                if (this.#cache.size >= CACHE_MAX)
                    this.#cache.delete(this.#cache.keys().next().value);
                this.#cache.set(cacheKey(msg, transport), response);
            }
            return response;
        }
        catch (e) {
            this.#log(`answering ${q.name} ${q.type}: ${e.message}`);
            return encodeResponse(query, [q], 'SERVFAIL');
        }
    }
    /** The remembered response to this query, under its id; undefined when there is none. */
    #fromCache(msg, transport) {
        if (msg.length < 12)
            return undefined;
        if (this.#cacheSerial !== this.#zone.serial()) {
            this.#cache.clear();
            this.#cacheSerial = this.#zone.serial();
        }
        const key = cacheKey(msg, transport);
        const cached = this.#cache.get(key);
        if (!cached)
            return undefined;
        // Asked again: it moves to the back of the eviction order (a Map iterates in insertion order).
        this.#cache.delete(key);
        this.#cache.set(key, cached);
        const res = Buffer.from(cached);
        res.writeUInt16BE(msg.readUInt16BE(0), 0);
        return res;
    }
    /** The zone's response; cacheable unless it holds what upstream said (an ExternalName's target). */
    async #answerFromZone(query, q, transport) {
        const zoneAnswer = this.#zone.answer(q.name, q.type);
        const answers = [...zoneAnswer.answers];
        if (zoneAnswer.external)
            answers.push(...(await this.#resolveExternal(zoneAnswer.external, q.type)));
        const edns = query.additionals?.find((a) => a.type === 'OPT');
        const opt = edns ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, flags: 0, options: [] }] : [];
        const aa = dnsPacket.AUTHORITATIVE_ANSWER;
        const full = encodeResponse(query, [q], zoneAnswer.rcode, { answers, authorities: zoneAnswer.authorities, additionals: [...zoneAnswer.additionals, ...opt] }, aa);
        const limit = Math.max(UDP_PLAIN_MAX, Math.min(edns?.udpPayloadSize ?? 0, EDNS_UDP_SIZE));
        const cacheable = !zoneAnswer.external;
        if (transport === 'tcp' || full.length <= limit)
            return { response: full, cacheable };
        // Too big for UDP: the client asks again over TCP.
        return { response: encodeResponse(query, [q], zoneAnswer.rcode, { answers: [], authorities: [], additionals: opt }, aa | dnsPacket.TRUNCATED_RESPONSE), cacheable };
    }
    /** An ExternalName's target, resolved upstream; nothing when upstream fails (the CNAME still answers). */
    async #resolveExternal(name, type) {
        const query = dnsPacket.encode({ type: 'query', id: Math.floor(Math.random() * 0x10000), flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }] });
        try {
            return (dnsPacket.decode(await this.#forwarder.exchange(query, false)).answers ?? []).filter((a) => a.type !== 'OPT');
        }
        catch (e) {
            this.#log(`resolving ExternalName target ${name}: ${e.message}`);
            return [];
        }
    }
}
/** A query's bytes after its id, which every repeat of the question shares. */
const cacheKey = (msg, transport) => transport + msg.toString('latin1', 2);
function encodeResponse(query, questions, rcode, sections = {}, flags = 0) {
    const rd = (query.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
    return dnsPacket.encode({
        type: 'response', id: query.id ?? 0, flags: flags | rd | dnsPacket.RECURSION_AVAILABLE | RCODE[rcode], questions,
        answers: sections.answers ?? [], authorities: sections.authorities ?? [], additionals: sections.additionals ?? [],
    });
}
//# sourceMappingURL=server.js.map