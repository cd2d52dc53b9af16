// The DNS server: UDP and TCP on one address and port. Questions in the cluster's zone are answered
// from the zone (authoritative, AA set); every other one goes to the forwarder. No input may crash it:
// a message that does not decode is answered FORMERR when its header can be read, else dropped.

import dgram from 'node:dgram';
import net, { isIPv6 } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, Question } from 'dns-packet';
import { UDP_RECV_BUFFER, type Forwarder } from './forward.js';
import { deframer, frame } from './tcpFraming.js';
import { AnswerCache } from './answerCache.js';
import type { ClusterZone, ZoneAnswer } from './zone.js';
import { retryPortClash } from '../util/port-clash.js';

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type Rcode = keyof typeof RCODE;
/** A UDP response's limit without EDNS (RFC 1035), and the size we advertise with it (DNS flag day 2020). */
const UDP_PLAIN_MAX = 512;
const EDNS_UDP_SIZE = 1232;
const TCP_IDLE_MS = 10_000;
/** Zone responses kept for repeated questions (the least recently asked go first, and those a change of the cluster touches). */
const CACHE_MAX = 10_000;
/** Their bytes, per transport: room for CACHE_MAX headless answers of about ten addresses. */
const CACHE_BYTES = 8 << 20;

export interface DnsServerOptions {
  zone: ClusterZone;
  forwarder: Forwarder;
  log?: (message: string) => void;
}

export class DnsServer {
  readonly #zone: ClusterZone;
  readonly #forwarder: Forwarder;
  readonly #log: (m: string) => void;
  /** The zone's responses by the query's bytes after its id, each until a change touches what it was read from. */
  readonly #cache = { udp: new AnswerCache(CACHE_MAX, CACHE_BYTES), tcp: new AnswerCache(CACHE_MAX, CACHE_BYTES) };
  readonly #stopForgetting: () => void;
  #udp: dgram.Socket | undefined;
  #tcp: net.Server | undefined;

  constructor(o: DnsServerOptions) {
    this.#zone = o.zone;
    this.#forwarder = o.forwarder;
    this.#log = o.log ?? ((m) => console.error(`dns: ${m}`));
    // Told as the view changes, before any later query is read: no answer outlives what it said.
    this.#stopForgetting = this.#zone.onChange((topics) => {
      this.#cache.udp.forget(topics);
      this.#cache.tcp.forget(topics);
    });
  }

  /**
   * Listens on host:port over UDP and TCP (port 0: a free one, the same for both); returns the port. With
   * port 0 the UDP port's TCP twin may be taken by another socket: then both are given up and tried anew.
   */
  listen(host: string, port: number): Promise<number> {
    return retryPortClash(port, () => this.#listenOnce(host, port));
  }

  async #listenOnce(host: string, port: number): Promise<number> {
    const udp = dgram.createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: UDP_RECV_BUFFER });
    udp.on('message', (msg, from) => {
      // A question the zone answers is answered at once, without a promise in between.
      const now = this.#answerAtOnce(msg, 'udp');
      if (now === null) return;
      if (Buffer.isBuffer(now)) return udp.send(now, from.port, from.address);
      void this.#answerLater(msg, 'udp', now).then((res) => udp.send(res, from.port, from.address), (e) => this.#log(`answering ${from.address}: ${(e as Error).message}`));
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => { udp.off('error', reject); resolve(); });
    });
    udp.on('error', (e) => this.#log(`udp: ${e.message}`));
    const bound = udp.address().port;
    const tcp = net.createServer((sock) => this.#serveConnection(sock));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(bound, host, () => { tcp.off('error', reject); resolve(); });
      });
    } catch (e) {
      udp.close();
      throw e;
    }
    tcp.on('error', (e) => this.#log(`tcp: ${e.message}`));
    this.#udp = udp;
    this.#tcp = tcp;
    return bound;
  }

  async close(): Promise<void> {
    this.#stopForgetting();
    this.#udp?.close();
    await new Promise<void>((resolve) => (this.#tcp ? this.#tcp.close(() => resolve()) : resolve()));
    this.#udp = undefined;
    this.#tcp = undefined;
  }

  #serveConnection(sock: net.Socket): void {
    sock.setTimeout(TCP_IDLE_MS, () => sock.destroy());
    sock.on('error', () => sock.destroy());
    sock.on('data', deframer((msg) => {
      void this.handle(msg, 'tcp').then((res) => {
        if (res && !sock.destroyed) sock.write(frame(res));
      }, (e) => this.#log(`answering over tcp: ${(e as Error).message}`));
    }));
  }

  /** The response to one query's wire bytes; null when there is nothing to answer (not a query at all). */
  async handle(msg: Buffer, transport: 'udp' | 'tcp'): Promise<Buffer | null> {
    const now = this.#answerAtOnce(msg, transport);
    return now === null || Buffer.isBuffer(now) ? now : this.#answerLater(msg, transport, now);
  }

  /**
   * The response to a query answered without waiting on anyone (the zone's own names, remembered or
   * worked out now, and every refusal), under the query's id; a Later for what needs upstream.
   */
  #answerAtOnce(msg: Buffer, transport: 'udp' | 'tcp'): Buffer | null | Later {
    if (msg.length >= 12) {
      const cached = this.#cache[transport].answer(msg);
      if (cached) return cached;
    }
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return msg.length >= 12 && !(msg.readUInt16BE(2) & 0x8000) ? encodeResponse({ id: msg.readUInt16BE(0), flags: 0 }, [], 'FORMERR') : null;
    }
    if (query.type === 'response') return null;
    // dns-packet decodes the opcode but its types leave it out.
    if ((query as DecodedPacket & { opcode?: string }).opcode !== 'QUERY') return encodeResponse(query, query.questions ?? [], 'NOTIMP');
    if (query.questions?.length !== 1) return encodeResponse(query, query.questions ?? [], 'FORMERR');
    const q = query.questions[0]!;
    if (!this.#zone.contains(q.name)) return { query, q };
    if (q.class && q.class !== 'IN' && q.class !== 'ANY') return encodeResponse(query, [q], 'REFUSED');
    try {
      const zoneAnswer = this.#zone.answer(q.name, q.type);
      if (zoneAnswer.external) return { query, q, zoneAnswer };
      const response = this.#zoneResponse(query, q, zoneAnswer, [], transport);
      this.#cache[transport].set(msg, response, zoneAnswer.topics);
      return response;
    } catch (e) {
      this.#log(`answering ${q.name} ${q.type}: ${(e as Error).message}`);
      return encodeResponse(query, [q], 'SERVFAIL');
    }
  }

  /** A name outside the zone, forwarded as it came; an ExternalName's CNAME with its target resolved upstream. */
  async #answerLater(msg: Buffer, transport: 'udp' | 'tcp', { query, q, zoneAnswer }: Later): Promise<Buffer> {
    if (zoneAnswer) return this.#zoneResponse(query, q, zoneAnswer, await this.#resolveExternal(zoneAnswer.external!, q.type), transport);
    try {
      return await this.#forwarder.exchange(msg, transport === 'tcp');
    } catch (e) {
      this.#log(`forwarding ${q.name} ${q.type}: ${(e as Error).message}`);
      return encodeResponse(query, [q], 'SERVFAIL');
    }
  }

  /** The zone's response with what upstream said of an ExternalName's target, truncated when UDP cannot carry it. */
  #zoneResponse(query: DecodedPacket, q: Question, zoneAnswer: ZoneAnswer, external: Answer[], transport: 'udp' | 'tcp'): Buffer {
    const answers = external.length > 0 ? [...zoneAnswer.answers, ...external] : zoneAnswer.answers;
    const edns = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
    const opt: Answer[] = edns ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, flags: 0, options: [] } as unknown as Answer] : [];
    const aa = dnsPacket.AUTHORITATIVE_ANSWER;
    const full = encodeResponse(query, [q], zoneAnswer.rcode, { answers, authorities: zoneAnswer.authorities, additionals: [...zoneAnswer.additionals, ...opt] }, aa);
    const limit = Math.max(UDP_PLAIN_MAX, Math.min(edns?.udpPayloadSize ?? 0, EDNS_UDP_SIZE));
    if (transport === 'tcp' || full.length <= limit) return full;
    // Too big for UDP: the client asks again over TCP.
    return encodeResponse(query, [q], zoneAnswer.rcode, { answers: [], authorities: [], additionals: opt }, aa | dnsPacket.TRUNCATED_RESPONSE);
  }

  /** An ExternalName's target, resolved upstream; nothing when upstream fails (the CNAME still answers). */
  async #resolveExternal(name: string, type: Question['type']): Promise<Answer[]> {
    const query = dnsPacket.encode({ type: 'query', id: Math.floor(Math.random() * 0x10000), flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }] });
    try {
      return (dnsPacket.decode(await this.#forwarder.exchange(query, false)).answers ?? []).filter((a) => a.type !== 'OPT');
    } catch (e) {
      this.#log(`resolving ExternalName target ${name}: ${(e as Error).message}`);
      return [];
    }
  }
}

/** A query answered once upstream has spoken: forwarded (no zoneAnswer) or an ExternalName's. */
interface Later { query: DecodedPacket; q: Question; zoneAnswer?: ZoneAnswer }

function encodeResponse(query: Pick<Packet, 'id' | 'flags'>, questions: Question[], rcode: Rcode, sections: Pick<Packet, 'answers' | 'authorities' | 'additionals'> = {}, flags = 0): Buffer {
  const rd = (query.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
  return dnsPacket.encode({
    type: 'response', id: query.id ?? 0, flags: flags | rd | dnsPacket.RECURSION_AVAILABLE | RCODE[rcode], questions,
    answers: sections.answers ?? [], authorities: sections.authorities ?? [], additionals: sections.additionals ?? [],
  });
}
