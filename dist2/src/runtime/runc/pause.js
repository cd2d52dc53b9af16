// The pause process that holds a Pod's namespaces. catatonit is statically linked, so the binary alone
// is a complete root filesystem; an images-built pause rootfs with /pause works as well.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../../util/fs.js';
const HOST_CATATONIT = '/usr/bin/catatonit';
/** Fills dir with a pause rootfs made of the host's static catatonit (idempotent). */
export async function makePauseRootfs(dir, binary = HOST_CATATONIT) {
    for (const d of ['proc', 'dev', 'sys'])
        await mkdir(join(dir, d), { recursive: true });
    if (!(await exists(join(dir, 'catatonit'))))
        await copyFile(binary, join(dir, 'catatonit'));
    return dir;
}
/** The argv that runs the pause process found in rootfs. */
export async function pauseArgv(rootfs) {
    if (await exists(join(rootfs, 'catatonit')))
        return ['/catatonit', '-P'];
    if (await exists(join(rootfs, 'pause')))
        return ['/pause'];
    if (await exists(join(rootfs, 'usr/bin/catatonit')))
        return ['/usr/bin/catatonit', '-P'];
    throw new Error(`no pause binary (/catatonit or /pause) in ${rootfs}`);
}
//# sourceMappingURL=pause.js.map