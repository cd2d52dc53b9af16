// Extracts a tar stream into a fresh directory with every path resolved inside it (resolve.ts).
// Layers keep owners, modes, times and file capabilities, and their OCI whiteouts become overlay
// whiteouts that only ever hide lower layers; an archive's own files become root-owned 0600 files.
// Device nodes are never created: the container's /dev is a tmpfs runc fills, the device cgroup
// denies any other node to unprivileged containers, and a node kept on the host is a way in.
import { chmodSync, chownSync, closeSync, constants, fchmodSync, fchownSync, futimesSync, lchownSync, linkSync, lutimesSync, mkdirSync, openSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeSync, } from 'node:fs';
import { ImageError, isImageError } from './errors.js';
import { run } from './exec.js';
import { lstatOrUndefined, pathComponents, resolveInside } from './resolve.js';
import { TarReader } from './tarreader.js';
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** The xattrs a layer may set: file capabilities and user attributes (as unpack did with GNU tar). */
const KEPT_XATTR = /^(security\.capability|user\..+)$/;
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
export async function extractTar(input, root, opts) {
    const x = new Extractor(root, opts.kind);
    const reader = new TarReader(async (e) => {
        try {
            return await x.entry(e);
        }
        catch (err) {
            throw new ImageError('ErrImagePull', `${opts.what}: entry "${e.name}": ${err.message}`);
        }
    });
    try {
        for await (const chunk of input)
            await reader.push(chunk);
        reader.end();
        x.finish();
    }
    catch (e) {
        // A corrupt gzip stream or a failing disk is the image's failure too, named as such.
        if (isImageError(e))
            throw e;
        throw new ImageError('ErrImagePull', `${opts.what}: ${e.message}`);
    }
    finally {
        x.closeOpenFile();
    }
}
class Extractor {
    #root;
    #layer;
    #containment;
    /** Resolved parent directories by entry dirname; cleared whenever a directory or symlink goes. */
    #parents = new Map();
    /** The file being written, if a tar ends or fails in the middle of one. */
    #fd;
    /** Directory times are set last, since adding entries changes them. */
    #dirTimes = [];
    constructor(root, kind) {
        this.#root = root;
        this.#layer = kind === 'layer';
        this.#containment = this.#layer ? 'in-root' : 'beneath';
    }
    #parent(dir) {
        const key = dir.join('/');
        let p = this.#parents.get(key);
        if (p === undefined) {
            const r = resolveInside(this.#root, dir, { containment: this.#containment, create: true, followFinal: true });
            if (!r.stat?.isDirectory())
                throw new Error(`"${key}" is not a directory`);
            p = r.path;
            this.#parents.set(key, p);
        }
        return p;
    }
    /** Removes whatever is at path so the entry replaces it, as tar does; a directory stays for a directory. */
    #clear(path, keepDir) {
        const st = lstatOrUndefined(path);
        if (!st)
            return false;
        if (keepDir && st.isDirectory())
            return true;
        if (st.isDirectory() || st.isSymbolicLink())
            this.#parents.clear();
        if (st.isDirectory())
            rmSync(path, { recursive: true, force: true });
        else
            unlinkSync(path);
        return false;
    }
    async entry(e) {
        const components = pathComponents(e.name, { allowAbsolute: true });
        const base = components.pop();
        if (base === undefined) {
            if (e.type !== 'dir')
                throw new Error('names the root as a non-directory');
            this.#setOwnerMode(this.#root, e);
            return undefined;
        }
        if (this.#layer && base.startsWith(WHITEOUT)) {
            await this.#whiteout(components, base);
            return undefined;
        }
        const parent = this.#parent(components);
        const path = `${parent}/${base}`;
        switch (e.type) {
            case 'dir':
                if (!this.#clear(path, true))
                    mkdirSync(path, { mode: 0o700 });
                this.#setOwnerMode(path, e);
                if (this.#layer)
                    this.#dirTimes.push({ components: [...components, base], mtime: e.mtime });
                await this.#xattrs(path, e);
                return undefined;
            case 'file':
                this.#clear(path, false);
                return this.#file(path, e);
            case 'symlink':
                if (e.linkname === '')
                    throw new Error('symlink without a target');
                this.#clear(path, false);
                symlinkSync(e.linkname, path);
                if (this.#layer) {
                    lchownSync(path, e.uid, e.gid);
                    lutimesSync(path, e.mtime, e.mtime);
                }
                return undefined;
            case 'hardlink': {
                const target = resolveInside(this.#root, pathComponents(e.linkname, { allowAbsolute: true }), { containment: this.#containment });
                if (!target.stat)
                    throw new Error(`hard link to "${e.linkname}", which is not in the ${this.#layer ? 'layer' : 'archive'}`);
                if (target.stat.isDirectory())
                    throw new Error(`hard link to the directory "${e.linkname}"`);
                if (target.path === path)
                    return undefined;
                this.#clear(path, false);
                linkSync(target.path, path);
                return undefined;
            }
            case 'fifo':
                if (!this.#layer)
                    return undefined;
                this.#clear(path, false);
                await run('mkfifo', ['-m', '600', path]);
                this.#setOwnerMode(path, e);
                return undefined;
            case 'char':
            case 'block':
                return undefined;
        }
    }
    #file(path, e) {
        const fd = openSync(path, CREATE, 0o600);
        this.#fd = fd;
        const layer = this.#layer;
        return {
            write(chunk) {
                for (let off = 0; off < chunk.length;)
                    off += writeSync(fd, chunk, off);
            },
            end: async () => {
                try {
                    if (layer) {
                        // chown first: it clears setuid, setgid and file capabilities.
                        fchownSync(fd, e.uid, e.gid);
                        fchmodSync(fd, e.mode);
                        futimesSync(fd, e.mtime, e.mtime);
                    }
                }
                finally {
                    this.#fd = undefined;
                    closeSync(fd);
                }
                await this.#xattrs(path, e);
            },
        };
    }
    #setOwnerMode(path, e) {
        if (!this.#layer)
            return;
        chownSync(path, e.uid, e.gid);
        chmodSync(path, e.mode);
    }
    async #xattrs(path, e) {
        if (!this.#layer)
            return;
        for (const [name, value] of e.xattrs) {
            if (KEPT_XATTR.test(name))
                await run('setfattr', ['-h', '-n', name, '-v', `0x${value.toString('hex')}`, path]);
        }
    }
    /**
     * `.wh.<name>` hides <name> of lower layers: it becomes a 0/0 character device unless this layer
     * has its own <name> (the spec lets a whiteout hide only lower layers). `.wh..wh..opq` marks its
     * directory opaque. Nothing is ever deleted, so a whiteout cannot reach past the layer.
     */
    async #whiteout(dir, base) {
        const parent = this.#parent(dir);
        if (base === OPAQUE) {
            await run('setfattr', ['-h', '-n', 'trusted.overlay.opaque', '-v', 'y', parent]);
            return;
        }
        if (base.startsWith(`${WHITEOUT}${WHITEOUT}`))
            return; // aufs bookkeeping (.wh..wh.plnk and such)
        const hidden = base.slice(WHITEOUT.length);
        if (hidden === '' || hidden === '.' || hidden === '..')
            throw new Error(`whiteout of "${hidden}" is not a name`);
        const path = `${parent}/${hidden}`;
        if (lstatOrUndefined(path))
            return;
        await run('mknod', ['-m', '000', path, 'c', '0', '0']);
    }
    closeOpenFile() {
        if (this.#fd !== undefined)
            closeSync(this.#fd);
        this.#fd = undefined;
    }
    finish() {
        for (const d of this.#dirTimes.reverse()) {
            const r = resolveInside(this.#root, d.components, { containment: this.#containment });
            if (r.stat?.isDirectory())
                utimesSync(r.path, d.mtime, d.mtime);
        }
    }
}
//# sourceMappingURL=extract.js.map