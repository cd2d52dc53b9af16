// Remembered responses to repeated queries, keyed by the query's bytes after its id (so a name asked in
// another casing, or with other flags or EDNS, is its own entry and is echoed as asked). Kept outside
// the JS heap's object graph: each generation is one arena Buffer holding the keys and responses back to
// back, indexed by an open-addressed table of offsets in an Int32Array. A remembered answer is thus no
// object at all: the DNS thread's garbage collector has nothing of the cache to copy or mark, so a steady
// stream of new names (NXDOMAIN for each) no longer ages objects into the old generation and its pauses.
//
// The least recently asked go first, in two generations rather than an exact order: when the young one
// is full (entries or bytes) the old one is emptied and the two swap; a hit in the old one is copied up.
//
// Each response is remembered with the topics it was worked out from (hashed to 32 bits), and forget()
// drops exactly the responses of the topics named: a change to one Service leaves every other answer
// in place. A topic's responses are a chain of links in typed arrays, so this index is no heap objects
// either; two topics sharing a hash only drop more than needed.

/** An entry's header in the arena: the key's length, the response's and its topics' count, 16 bits each. */
const ENTRY_HEADER = 6;
/** Links from topics to entries a generation has room for, per entry it holds. */
const LINKS_PER_ENTRY = 8;
/** A slot whose entry was forgotten: a probe goes on past it, and it is not used again until the generation is cleared. */
const FORGOTTEN = -1;

class Generation {
  readonly #maxEntries: number;
  readonly #bytes: number;
  readonly #slots: Int32Array;
  readonly #hashes: Int32Array;
  /** A topic's hash → its first link; each link names a slot and the topic's next link (-1 at the end). */
  readonly #topicHeads = new Map<number, number>();
  readonly #linkSlot: Int32Array;
  readonly #linkNext: Int32Array;
  #links = 0;
  #arena: Buffer | undefined;
  #used = 0;
  #count = 0;

  constructor(maxEntries: number, bytes: number) {
    this.#maxEntries = maxEntries;
    this.#bytes = bytes;
    // At most half full, so a probe for a missing key ends soon.
    let size = 8;
    while (size < maxEntries * 2) size <<= 1;
    this.#slots = new Int32Array(size);
    this.#hashes = new Int32Array(size);
    this.#linkSlot = new Int32Array(maxEntries * LINKS_PER_ENTRY);
    this.#linkNext = new Int32Array(maxEntries * LINKS_PER_ENTRY);
  }

  /** The response's start in the arena for the key (msg from byte 2), -1 when not here. */
  find(msg: Buffer, hash: number): number {
    const arena = this.#arena;
    if (!arena) return -1;
    const mask = this.#slots.length - 1;
    const keyLen = msg.length - 2;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.#slots[i]!;
      if (slot === 0) return -1;
      if (slot === FORGOTTEN) continue;
      const at = slot - 1;
      if (this.#hashes[i] === hash && arena.readUInt16BE(at) === keyLen
          && arena.compare(msg, 2, msg.length, at + ENTRY_HEADER, at + ENTRY_HEADER + keyLen) === 0) return at;
    }
  }

  /** Remembers the response for the key, read from the topics (their hashes); false when this generation has no room left. */
  add(msg: Buffer, hash: number, response: Buffer, topics: ArrayLike<number>): boolean {
    const keyLen = msg.length - 2;
    const size = ENTRY_HEADER + keyLen + response.length + 4 * topics.length;
    if (this.#count >= this.#maxEntries || this.#used + size > this.#bytes || this.#links + topics.length > this.#linkSlot.length) return false;
    this.#arena ??= Buffer.allocUnsafeSlow(this.#bytes);
    const arena = this.#arena;
    const at = this.#used;
    arena.writeUInt16BE(keyLen, at);
    arena.writeUInt16BE(response.length, at + 2);
    arena.writeUInt16BE(topics.length, at + 4);
    msg.copy(arena, at + ENTRY_HEADER, 2);
    response.copy(arena, at + ENTRY_HEADER + keyLen);
    const mask = this.#slots.length - 1;
    let i = hash & mask;
    while (this.#slots[i] !== 0) i = (i + 1) & mask;
    this.#slots[i] = at + 1;
    this.#hashes[i] = hash;
    // The topics after the response (for a copy up to the other generation), each linked to the slot.
    let t = at + ENTRY_HEADER + keyLen + response.length;
    for (let j = 0; j < topics.length; j++, t += 4) {
      const topic = topics[j]!;
      arena.writeInt32LE(topic, t);
      const link = this.#links++;
      this.#linkSlot[link] = i;
      this.#linkNext[link] = this.#topicHeads.get(topic) ?? -1;
      this.#topicHeads.set(topic, link);
    }
    this.#used += size;
    this.#count++;
    return true;
  }

  /** The topics of the entry at `at` (a find's answer). */
  topicsAt(at: number): number[] {
    const arena = this.#arena!;
    const out: number[] = [];
    let t = at + ENTRY_HEADER + arena.readUInt16BE(at) + arena.readUInt16BE(at + 2);
    for (let j = arena.readUInt16BE(at + 4); j > 0; j--, t += 4) out.push(arena.readInt32LE(t));
    return out;
  }

  /** Drops every entry read from the topic. */
  forget(topic: number): void {
    let link = this.#topicHeads.get(topic);
    if (link === undefined) return;
    this.#topicHeads.delete(topic);
    for (; link >= 0; link = this.#linkNext[link]!) this.#slots[this.#linkSlot[link]!] = FORGOTTEN;
  }

  /** A copy of the response stored at `at` (a find's answer), under the query's id. */
  copyOut(at: number, query: Buffer): Buffer {
    const arena = this.#arena!;
    const from = at + ENTRY_HEADER + arena.readUInt16BE(at);
    const res = Buffer.allocUnsafe(arena.readUInt16BE(at + 2));
    arena.copy(res, 0, from, from + res.length);
    res[0] = query[0]!;
    res[1] = query[1]!;
    return res;
  }

  clear(): void {
    if (this.#count === 0) return;
    this.#slots.fill(0);
    this.#topicHeads.clear();
    this.#links = 0;
    this.#used = 0;
    this.#count = 0;
  }
}

export class AnswerCache {
  readonly #maxEntry: number;
  #young: Generation;
  #old: Generation;

  /** Holds between max/2 and max entries, and at most `bytes` of keys and responses. */
  constructor(max: number, bytes: number) {
    const half = Math.max(1, max >> 1);
    this.#young = new Generation(half, bytes >> 1);
    this.#old = new Generation(half, bytes >> 1);
    // A response bigger than this is worked out each time rather than crowd out many small ones.
    this.#maxEntry = bytes >> 4;
  }

  /** The remembered response to the query (its wire bytes), under the query's id: a fresh copy the caller may keep. */
  answer(query: Buffer): Buffer | undefined {
    const hash = hashOf(query);
    const young = this.#young.find(query, hash);
    if (young >= 0) return this.#young.copyOut(young, query);
    const old = this.#old.find(query, hash);
    if (old < 0) return undefined;
    const res = this.#old.copyOut(old, query);
    this.#add(query, hash, res, this.#old.topicsAt(old));
    return res;
  }

  /** Remembers the response to the query, worked out from the topics given (until one of them is forgotten). */
  set(query: Buffer, response: Buffer, topics: readonly string[]): void {
    this.#add(query, hashOf(query), response, topics.map(topicHash));
  }

  /** Drops every response worked out from any of the topics. */
  forget(topics: readonly string[]): void {
    for (const t of topics) {
      const h = topicHash(t);
      this.#young.forget(h);
      this.#old.forget(h);
    }
  }

  #add(query: Buffer, hash: number, response: Buffer, topics: readonly number[]): void {
    if (ENTRY_HEADER + query.length - 2 + response.length + 4 * topics.length > this.#maxEntry || response.length > 0xffff || topics.length > 0xffff) return;
    if (this.#young.add(query, hash, response, topics)) return;
    this.#old.clear();
    [this.#young, this.#old] = [this.#old, this.#young];
    this.#young.add(query, hash, response, topics);
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the query's bytes after its id. */
function hashOf(msg: Buffer): number {
  let h = FNV_OFFSET;
  for (let i = 2; i < msg.length; i++) h = Math.imul(h ^ msg[i]!, FNV_PRIME);
  return h;
}

/** FNV-1a over the topic's UTF-16 code units. */
function topicHash(topic: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < topic.length; i++) h = Math.imul(h ^ topic.charCodeAt(i), FNV_PRIME);
  return h;
}
