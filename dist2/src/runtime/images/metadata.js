// The store's small index: which images exist, which references point at them, where each came
// from and when it was last used. One JSON file, rewritten atomically after each change, and read
// again whenever another process (`berth images` beside a running server) has replaced it.
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from './fsutil.js';
export class Metadata {
    #path;
    #index = { version: 1, images: {} };
    /** Which version of the file #index holds (inode, size, mtime): the atomic rename makes a new inode. */
    #stamp = '';
    /** Serialises read-modify-write so concurrent pulls never lose each other's records. */
    #chain = Promise.resolve();
    constructor(root) {
        this.#path = `${root}/metadata.json`;
    }
    async #currentStamp() {
        const st = await stat(this.#path).catch((e) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
        return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '';
    }
    /** Read the file if it changed since this process last read or wrote it (one stat otherwise). */
    async load() {
        const stamp = await this.#currentStamp();
        if (stamp === this.#stamp)
            return;
        try {
            this.#index = JSON.parse(await readFile(this.#path, 'utf8'));
        }
        catch (e) {
            if (e.code !== 'ENOENT')
                throw e;
        }
        this.#stamp = stamp;
    }
    all() {
        return Object.values(this.#index.images);
    }
    get(id) {
        return this.#index.images[id];
    }
    /** Finds an image by normalised tag or digest reference, or by its id. */
    find(ref) {
        return this.#index.images[ref] ?? this.all().find((i) => i.repoTags.includes(ref) || i.repoDigests.includes(ref));
    }
    /** Applies `change` to a copy of the index and persists it; changes run one at a time. */
    update(change) {
        const next = this.#chain.then(async () => {
            // Another process's change is built on, not overwritten.
            await this.load();
            const images = structuredClone(this.#index.images);
            const result = change(images);
            const index = { version: 1, images };
            await writeFileAtomic(this.#path, JSON.stringify(index, null, 1));
            this.#index = index;
            this.#stamp = await this.#currentStamp();
            return result;
        });
        this.#chain = next.catch(() => undefined);
        return next;
    }
}
/** Adds an image, moving its tags off any image that held them before (as `docker pull` does). */
export function recordImage(images, rec) {
    for (const other of Object.values(images)) {
        if (other.id === rec.id)
            continue;
        other.repoTags = other.repoTags.filter((t) => !rec.repoTags.includes(t));
    }
    const old = images[rec.id];
    const merged = old
        ? { ...old, ...rec, repoTags: union(old.repoTags, rec.repoTags), repoDigests: union(old.repoDigests, rec.repoDigests), created: old.created }
        : rec;
    images[rec.id] = merged;
    return merged;
}
function union(a, b) {
    return [...new Set([...a, ...b])];
}
//# sourceMappingURL=metadata.js.map