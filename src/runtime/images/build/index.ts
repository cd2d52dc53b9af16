// Offline images: builds busybox, pause, debian and nginx from Debian packages straight into the
// store. Each build is cached as an OCI archive keyed by its package versions, so a second build
// is an import, and a store that already holds the same build returns at once.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { ImageRef } from '../../types.js';
import { runChecked } from '../../../util/host-command.js';
import type { ImageStore } from '../store.js';
import { busybox } from './busybox.js';
import { debian, nginx } from './debian.js';
import { writeOciArchive } from './layout.js';
import { pause } from './pause.js';
import type { Recipe } from './recipe.js';

export { PAUSE_IMAGE } from './pause.js';

export type BuildName = 'busybox' | 'debian' | 'nginx' | 'pause';
export const BUILD_NAMES: readonly BuildName[] = ['busybox', 'debian', 'nginx', 'pause'];

const RECIPES: Record<BuildName, Recipe> = { busybox, debian, nginx, pause };

export interface BuildOptions {
  store: ImageStore;
  /** Defaults to BERTH_IMAGE_CACHE, else /var/cache/berth/images. */
  cacheDir?: string;
  /** Progress lines (the CLI prints them on stderr). */
  log?: (line: string) => void;
}

export function defaultCacheDir(): string {
  return process.env.BERTH_IMAGE_CACHE ?? '/var/cache/berth/images';
}

async function hostVersions(pkgs: string[]): Promise<string> {
  const out = await runChecked('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', ...pkgs]);
  return out.trim().split('\n').join(', ');
}

export async function buildImage(name: BuildName, opts: BuildOptions): Promise<ImageRef> {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`unknown image "${name}"; can build: ${BUILD_NAMES.join(', ')}`);
  const log = opts.log ?? (() => {});
  const versions = recipe.versions ? await recipe.versions() : await hostVersions(recipe.packages);
  const source = `built locally from Debian packages (${versions})`;
  const existing = await opts.store.imageStatus(recipe.name);
  if (existing?.source === source) return existing;

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
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const [ref] = await opts.store.importArchive(cached, { name: recipe.name, source, ...(recipe.pinned ? { pinned: true } : {}) });
  return ref!;
}
