// A streaming tar reader (ustar, GNU long names, pax headers): it hands each entry's header to a
// handler and the entry's bytes to the writer the handler returns, so layers are unpacked by our
// own code, entry by entry, without a tar process deciding where things go.
import { ImageError } from './errors.js';
const BLOCK = 512;
/** Pax and GNU long-name records are held in memory; real ones are a few hundred bytes. */
const MAX_META = 1 << 20;
const TYPES = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', 'D': 'dir', '6': 'fifo' };
/** Types whose size field describes no data (as Go's archive/tar reads them). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
function bad(why) {
    throw new ImageError('ErrImagePull', `malformed tar: ${why}`);
}
function str(b, off, len) {
    const end = b.indexOf(0, off);
    return b.toString('utf8', off, end >= 0 && end < off + len ? end : off + len);
}
/** Octal, or base-256 when the top bit is set (GNU's encoding of large sizes and ids). */
function num(b, off, len, field) {
    if (b[off] & 0x80) {
        if (b[off] === 0xff)
            bad(`negative ${field}`);
        let v = b[off] & 0x7f;
        for (let i = off + 1; i < off + len; i++)
            v = v * 256 + b[i];
        return v;
    }
    const s = b.toString('latin1', off, off + len).replace(/[\0 ]+$/, '').replace(/^[ ]+/, '').replace(/\0.*$/, '');
    if (s === '')
        return 0;
    if (!/^[0-7]+$/.test(s))
        bad(`${field} field is not a number`);
    return parseInt(s, 8);
}
function checksumOk(h) {
    const want = num(h, 148, 8, 'checksum');
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
        const v = i >= 148 && i < 156 ? 0x20 : h[i];
        unsigned += v;
        signed += v > 127 ? v - 256 : v;
    }
    return want === unsigned || want === signed;
}
/** Pax records: `<len> <key>=<value>\n`; values are bytes (xattrs are binary). */
function parsePax(buf) {
    const out = new Map();
    let off = 0;
    while (off < buf.length) {
        if (buf[off] === 0)
            break;
        const sp = buf.indexOf(0x20, off);
        const len = sp > off ? Number(buf.toString('latin1', off, sp)) : NaN;
        if (!Number.isInteger(len) || len <= sp - off || off + len > buf.length || buf[off + len - 1] !== 0x0a)
            bad('pax record length');
        const rec = buf.subarray(sp + 1, off + len - 1);
        const eq = rec.indexOf(0x3d);
        if (eq <= 0)
            bad('pax record without a key');
        out.set(rec.toString('utf8', 0, eq), rec.subarray(eq + 1));
        off += len;
    }
    return out;
}
function paxNumber(v, key) {
    const n = Number(v.toString('latin1'));
    if (!Number.isFinite(n) || n < 0)
        bad(`pax ${key} "${v.toString('latin1')}"`);
    return n;
}
export class TarReader {
    #onEntry;
    #header = Buffer.alloc(0);
    #remaining = 0;
    #padding = 0;
    #writer;
    /** Collecting a pax or GNU long-name record's data, and which. */
    #meta;
    #global = new Map();
    #pax = new Map();
    #longName;
    #longLink;
    #done = false;
    constructor(onEntry) {
        this.#onEntry = onEntry;
    }
    async push(chunk) {
        let off = 0;
        while (off < chunk.length && !this.#done) {
            if (this.#remaining > 0) {
                const n = Math.min(this.#remaining, chunk.length - off);
                const part = chunk.subarray(off, off + n);
                if (this.#meta)
                    this.#meta.parts.push(Buffer.from(part));
                else
                    this.#writer?.write(part);
                this.#remaining -= n;
                off += n;
                if (this.#remaining === 0)
                    await this.#endEntry();
            }
            else if (this.#padding > 0) {
                const n = Math.min(this.#padding, chunk.length - off);
                this.#padding -= n;
                off += n;
            }
            else {
                const n = Math.min(BLOCK - this.#header.length, chunk.length - off);
                this.#header = Buffer.concat([this.#header, chunk.subarray(off, off + n)]);
                off += n;
                if (this.#header.length === BLOCK) {
                    const h = this.#header;
                    this.#header = Buffer.alloc(0);
                    await this.#onHeader(h);
                }
            }
        }
    }
    /** Call once the input has ended; a tar cut short in an entry is an error. */
    end() {
        if (this.#remaining > 0 || this.#header.length > 0 || this.#meta)
            bad('unexpected end of archive');
    }
    async #onHeader(h) {
        if (h.every((b) => b === 0)) {
            this.#done = true;
            return;
        }
        if (!checksumOk(h))
            bad('header checksum mismatch');
        const flag = String.fromCharCode(h[156]);
        const size = this.#pax.has('size') ? paxNumber(this.#pax.get('size'), 'size') : num(h, 124, 12, 'size');
        this.#padding = (BLOCK - (size % BLOCK)) % BLOCK;
        if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
            if (size > MAX_META)
                bad(`${flag} record of ${size} bytes`);
            this.#meta = { type: flag, parts: [] };
            this.#remaining = size;
            if (size === 0)
                await this.#endEntry();
            return;
        }
        const type = TYPES[flag];
        if (!type)
            bad(`entry "${str(h, 0, 100)}" has unsupported type "${flag}"`);
        const pax = new Map([...this.#global, ...this.#pax]);
        for (const k of pax.keys())
            if (k.startsWith('GNU.sparse'))
                bad(`sparse file "${str(h, 0, 100)}" is not supported`);
        // "ustar\0" has a prefix field; GNU's "ustar  " uses those bytes for other things.
        const prefix = h.toString('latin1', 257, 263) === 'ustar\0' ? str(h, 345, 155) : '';
        const e = {
            name: pax.get('path')?.toString('utf8') ?? this.#longName ?? (prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100)),
            type,
            mode: num(h, 100, 8, 'mode') & 0o7777,
            uid: pax.has('uid') ? paxNumber(pax.get('uid'), 'uid') : num(h, 108, 8, 'uid'),
            gid: pax.has('gid') ? paxNumber(pax.get('gid'), 'gid') : num(h, 116, 8, 'gid'),
            size: HEADER_ONLY.has(flag) ? 0 : size,
            mtime: pax.has('mtime') ? paxNumber(pax.get('mtime'), 'mtime') : num(h, 136, 12, 'mtime'),
            linkname: pax.get('linkpath')?.toString('utf8') ?? this.#longLink ?? str(h, 157, 100),
            xattrs: new Map([...pax].filter(([k]) => k.startsWith('SCHILY.xattr.')).map(([k, v]) => [k.slice('SCHILY.xattr.'.length), v])),
        };
        this.#pax = new Map();
        this.#longName = undefined;
        this.#longLink = undefined;
        this.#writer = await this.#onEntry(e);
        this.#remaining = e.size;
        if (e.size === 0) {
            this.#padding = 0;
            await this.#endEntry();
        }
    }
    async #endEntry() {
        const meta = this.#meta;
        if (meta) {
            this.#meta = undefined;
            const data = Buffer.concat(meta.parts);
            if (meta.type === 'x')
                this.#pax = parsePax(data);
            else if (meta.type === 'g')
                this.#global = new Map([...this.#global, ...parsePax(data)]);
            else if (meta.type === 'L')
                this.#longName = str(data, 0, data.length);
            else
                this.#longLink = str(data, 0, data.length);
            return;
        }
        const w = this.#writer;
        this.#writer = undefined;
        await w?.end();
    }
}
//# sourceMappingURL=tarreader.js.map