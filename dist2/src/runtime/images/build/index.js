// Offline images: builds busybox, pause, debian and nginx from Debian packages straight into the
// store. Each build is cached as an OCI archive keyed by its package versions, so a second build
// is an import, and a store that already holds the same build returns at once.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { run } from '../exec.js';
import { busybox } from './busybox.js';
import { debian, nginx } from './debian.js';
import { writeOciArchive } from './layout.js';
import { pause } from './pause.js';
export { PAUSE_IMAGE } from './pause.js';
export const BUILD_NAMES = ['busybox', 'debian', 'nginx', 'pause'];
const RECIPES = { busybox, debian, nginx, pause };
export function defaultCacheDir() {
    return process.env.BERTH_IMAGE_CACHE ?? '/var/cache/berth/images';
}
async function hostVersions(pkgs) {
    const out = await run('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', ...pkgs]);
    return out.trim().split('\n').join(', ');
}
export async function buildImage(name, opts) {
    const recipe = RECIPES[name];
    if (!recipe)
        throw new Error(`unknown image "${name}"; can build: ${BUILD_NAMES.join(', ')}`);
    const log = opts.log ?? (() => { });
    const versions = recipe.versions ? await recipe.versions() : await hostVersions(recipe.packages);
    const source = `built locally from Debian packages (${versions})`;
    const existing = await opts.store.imageStatus(recipe.name);
    if (existing?.source === source)
        return existing;
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    const key = Buffer.from(versions).toString('base64url').slice(0, 48);
    const cached = `${cacheDir}/${name}-${key}.oci.tar`;
    if (!(await stat(cached).then(() => true, () => false))) {
        await mkdir(cacheDir, { recursive: true });
        const work = await mkdtemp(`${cacheDir}/build-${name}-`);
        try {
            log(`building ${recipe.name} from ${versions}`);
            const started = Date.now();
            await mkdir(`${work}/rootfs`);
            await recipe.rootfs(`${work}/rootfs`, `${work}/layer.tar`, log);
            log(`packing ${recipe.name}`);
            await writeOciArchive(work, cached, { layerTar: `${work}/layer.tar`, config: recipe.config, name: recipe.name, createdBy: source });
            log(`built ${recipe.name} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
        }
        finally {
            await rm(work, { recursive: true, force: true });
        }
    }
    const [ref] = await opts.store.importArchive(cached, { name: recipe.name, source, ...(recipe.pinned ? { pinned: true } : {}) });
    return ref;
}
//# sourceMappingURL=index.js.map