// Remembered responses to repeated queries, keyed by the query's bytes after its id (so a name asked in
// another casing, or with other flags or EDNS, is its own entry and is echoed as asked). Kept outside
// the JS heap's object graph: each generation is one arena Buffer holding the keys and responses back to
// back, indexed by an open-addressed table of offsets in an Int32Array. A remembered answer is thus no
// object at all: the DNS thread's garbage collector has nothing of the cache to copy or mark, so a steady
// stream of new names (NXDOMAIN for each) no longer ages objects into the old generation and its pauses.
//
// The least recently asked go first, in two generations rather than an exact order: when the young one
// is full (entries or bytes) the old one is emptied and the two swap; a hit in the old one is copied up.

/** An entry's header in the arena: the key's length and the response's, 16 bits each. */
const ENTRY_HEADER = 4;

class Generation {
  readonly #maxEntries: number;
  readonly #bytes: number;
  readonly #slots: Int32Array;
  readonly #hashes: Int32Array;
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
  }

  /** The response's start in the arena for the key (msg from byte 2), -1 when not here. */
  find(msg: Buffer, hash: number): number {
    const arena = this.#arena;
    if (!arena) return -1;
    const mask = this.#slots.length - 1;
    const keyLen = msg.length - 2;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const at = this.#slots[i]! - 1;
      if (at < 0) return -1;
      if (this.#hashes[i] === hash && arena.readUInt16BE(at) === keyLen
          && arena.compare(msg, 2, msg.length, at + ENTRY_HEADER, at + ENTRY_HEADER + keyLen) === 0) return at;
    }
  }

  /** Remembers the response for the key; false when this generation has no room left. */
  add(msg: Buffer, hash: number, response: Buffer): boolean {
    const keyLen = msg.length - 2;
    const size = ENTRY_HEADER + keyLen + response.length;
    if (this.#count >= this.#maxEntries || this.#used + size > this.#bytes) return false;
    this.#arena ??= Buffer.allocUnsafeSlow(this.#bytes);
    const at = this.#used;
    this.#arena.writeUInt16BE(keyLen, at);
    this.#arena.writeUInt16BE(response.length, at + 2);
    msg.copy(this.#arena, at + ENTRY_HEADER, 2);
    response.copy(this.#arena, at + ENTRY_HEADER + keyLen);
    const mask = this.#slots.length - 1;
    let i = hash & mask;
    while (this.#slots[i] !== 0) i = (i + 1) & mask;
    this.#slots[i] = at + 1;
    this.#hashes[i] = hash;
    this.#used += size;
    this.#count++;
    return true;
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
    this.#add(query, hash, res);
    return res;
  }

  /** Remembers the response to the query. */
  set(query: Buffer, response: Buffer): void {
    this.#add(query, hashOf(query), response);
  }

  #add(query: Buffer, hash: number, response: Buffer): void {
    if (ENTRY_HEADER + query.length - 2 + response.length > this.#maxEntry || response.length > 0xffff) return;
    if (this.#young.add(query, hash, response)) return;
    this.#old.clear();
    [this.#young, this.#old] = [this.#old, this.#young];
    this.#young.add(query, hash, response);
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }
}

/** FNV-1a over the query's bytes after its id. */
function hashOf(msg: Buffer): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 2; i < msg.length; i++) h = Math.imul(h ^ msg[i]!, 0x01000193);
  return h;
}
