// Per-container root filesystems: an overlay of the image's layers with a fresh upper and work
// directory under `<root>/containers/<id>`, so containers never write into shared layers.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { isMountPoint } from '../../util/mounts.js';
import { run } from './exec.js';
export class RootfsManager {
    #dir;
    #layers;
    constructor(root, layers) {
        this.#dir = `${root}/containers`;
        this.#layers = layers;
    }
    async init() {
        await mkdir(this.#dir, { recursive: true });
        await mkdir(`${this.#layers.dir}/empty`, { recursive: true });
    }
    /** Mounts the overlay for `containerId` (idempotent) and returns the merged path. */
    async prepare(containerId, imageId, diffIds) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(containerId))
            throw new Error(`invalid container id "${containerId}"`);
        const base = `${this.#dir}/${containerId}`;
        const merged = `${base}/merged`;
        if (await isMountPoint(merged))
            return merged;
        await Promise.all(['upper', 'work', 'merged'].map((d) => mkdir(`${base}/${d}`, { recursive: true })));
        await writeFile(`${base}/image`, imageId);
        // Overlay lists the top layer first; relative names (resolved from cwd) keep the option short.
        const lower = diffIds.length > 0 ? diffIds.map((d) => this.#layers.name(d)).reverse() : ['empty'];
        const options = `lowerdir=${lower.join(':')},upperdir=${base}/upper,workdir=${base}/work`;
        await run('mount', ['-t', 'overlay', 'overlay', '-o', options, merged], { cwd: this.#layers.dir });
        return merged;
    }
    async release(containerId) {
        const base = `${this.#dir}/${containerId}`;
        const merged = `${base}/merged`;
        if (await isMountPoint(merged))
            await run('umount', [merged]).catch(() => run('umount', ['-l', merged]));
        await rm(base, { recursive: true, force: true });
    }
    /** Image ids of containers that still hold a rootfs, so GC never removes their layers. */
    async imagesInUse() {
        const ids = new Set();
        for (const c of await readdir(this.#dir)) {
            const id = await readFile(`${this.#dir}/${c}/image`, 'utf8').catch(() => '');
            if (id)
                ids.add(id);
        }
        return ids;
    }
}
//# sourceMappingURL=rootfs.js.map