// Unpacked layers, one directory per diff_id under `<root>/layers`, unpacked once however many
// images share them. A directory appears (by rename) only when complete.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { hexOf } from './digest.js';
import { tempName } from './fsutil.js';
import { unpackLayer } from './unpack.js';
export class LayerStore {
    dir;
    #blobs;
    #inflight = new Map();
    constructor(root, blobs) {
        this.dir = `${root}/layers`;
        this.#blobs = blobs;
    }
    async init() {
        await mkdir(this.dir, { recursive: true });
        // Half-unpacked directories from a crash are never referenced; drop them.
        for (const n of await readdir(this.dir))
            if (n.startsWith('tmp-'))
                await rm(`${this.dir}/${n}`, { recursive: true, force: true });
    }
    /** Directory name relative to `dir`, kept short so many lowerdirs fit in one mount option string. */
    name(diffId) {
        return hexOf(diffId);
    }
    path(diffId) {
        return `${this.dir}/${this.name(diffId)}`;
    }
    async has(diffId) {
        return stat(this.path(diffId)).then(() => true, () => false);
    }
    async ensure(layer) {
        // Registered before any await, so a concurrent caller always finds it.
        let p = this.#inflight.get(layer.diffId);
        if (!p) {
            p = (async () => { if (!(await this.has(layer.diffId)))
                await this.#unpack(layer); })()
                .finally(() => this.#inflight.delete(layer.diffId));
            this.#inflight.set(layer.diffId, p);
        }
        return p;
    }
    async #unpack(layer) {
        const tmp = tempName(this.dir, 'tmp');
        try {
            await unpackLayer(this.#blobs.path(layer.digest), layer.mediaType, tmp, layer.diffId);
            await rename(tmp, this.path(layer.diffId));
        }
        catch (e) {
            await rm(tmp, { recursive: true, force: true });
            throw e;
        }
    }
    async remove(diffId) {
        await rm(this.path(diffId), { recursive: true, force: true });
    }
    async list() {
        return (await readdir(this.dir)).filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
    }
}
//# sourceMappingURL=layers.js.map