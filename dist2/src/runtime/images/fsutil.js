// Small file-system helpers the image store relies on for crash safety.
import { randomBytes } from 'node:crypto';
import { rename, writeFile, rm } from 'node:fs/promises';
/** Write via a temp file and rename, so readers see the old or the new content, never half. */
export async function writeFileAtomic(path, data) {
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
        await writeFile(tmp, data);
        await rename(tmp, path);
    }
    catch (e) {
        await rm(tmp, { force: true });
        throw e;
    }
}
export function tempName(dir, prefix) {
    return `${dir}/${prefix}-${process.pid}-${randomBytes(6).toString('hex')}`;
}
//# sourceMappingURL=fsutil.js.map