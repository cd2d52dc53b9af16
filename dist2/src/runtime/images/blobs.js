// Content-addressed blobs: `<root>/blobs/sha256/<hex>`. A blob appears only once its bytes hash to
// its name, so a corrupted download leaves nothing behind.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { digestOf, hexOf } from './digest.js';
import { ImageError } from './errors.js';
import { tempName } from './fsutil.js';
export class BlobStore {
    #dir;
    #ingest;
    /** Downloads in flight by digest, so concurrent pulls share one transfer per blob. */
    #inflight = new Map();
    constructor(root) {
        this.#dir = `${root}/blobs/sha256`;
        this.#ingest = `${root}/ingest`;
    }
    async init() {
        await mkdir(this.#dir, { recursive: true });
        await rm(this.#ingest, { recursive: true, force: true });
        await mkdir(this.#ingest, { recursive: true });
    }
    path(digest) {
        return `${this.#dir}/${hexOf(digest)}`;
    }
    async has(digest) {
        return stat(this.path(digest)).then(() => true, () => false);
    }
    async size(digest) {
        return (await stat(this.path(digest))).size;
    }
    async read(digest) {
        return readFile(this.path(digest));
    }
    async put(data) {
        const digest = digestOf(data);
        if (!(await this.has(digest)))
            await this.write(digest, async function* () { yield Buffer.from(data); }());
        return digest;
    }
    /** Stores a stream under `digest`, verifying it; `onBytes` sees each chunk's length. */
    async write(digest, source, onBytes) {
        const tmp = tempName(this.#ingest, hexOf(digest).slice(0, 12));
        const hash = createHash('sha256');
        const tap = new Transform({
            transform(chunk, _enc, cb) {
                hash.update(chunk);
                onBytes?.(chunk.length);
                cb(null, chunk);
            },
        });
        try {
            await pipeline(source, tap, createWriteStream(tmp));
            const got = `sha256:${hash.digest('hex')}`;
            if (got !== digest)
                throw new ImageError('ErrImagePull', `digest mismatch: expected ${digest}, got ${got}`);
            await rename(tmp, this.path(digest));
        }
        finally {
            await rm(tmp, { force: true });
        }
    }
    /** Stores a file whose digest is not known yet (imports); returns its digest and size. */
    async putFile(path) {
        const hash = createHash('sha256');
        for await (const c of createReadStream(path))
            hash.update(c);
        const digest = `sha256:${hash.digest('hex')}`;
        if (!(await this.has(digest)))
            await this.write(digest, createReadStream(path));
        return { digest, size: (await stat(path)).size };
    }
    /** Runs `fetch` unless the blob exists or another caller is already fetching it. */
    async ensure(digest, fetch) {
        // Registered before any await, so a concurrent caller always finds it.
        let p = this.#inflight.get(digest);
        if (!p) {
            p = (async () => { if (!(await this.has(digest)))
                await fetch(); })().finally(() => this.#inflight.delete(digest));
            this.#inflight.set(digest, p);
        }
        return p;
    }
    async remove(digest) {
        await rm(this.path(digest), { force: true });
    }
    async list() {
        return (await readdir(this.#dir)).filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
    }
}
//# sourceMappingURL=blobs.js.map