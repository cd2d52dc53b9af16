// Per-container root filesystems: an overlay of the image's layers with a fresh upper and work
// directory under `<root>/containers/<id>`, so containers never write into shared layers.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { isMountPoint } from '../../util/mounts.js';
import { runChecked } from '../../util/host-command.js';
import type { LayerStore } from './layers.js';

export class RootfsManager {
  readonly #dir: string;
  readonly #layers: LayerStore;

  constructor(root: string, layers: LayerStore) {
    this.#dir = `${root}/containers`;
    this.#layers = layers;
  }

  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await mkdir(`${this.#layers.dir}/empty`, { recursive: true });
  }

  /** Mounts the overlay for `containerId` (idempotent) and returns the merged path. */
  async prepare(containerId: string, imageId: string, diffIds: string[]): Promise<string> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(containerId)) throw new Error(`invalid container id "${containerId}"`);
    const base = `${this.#dir}/${containerId}`;
    const merged = `${base}/merged`;
    // A new container's folder cannot hold a mount: only an existing one (a retry, a restart) is looked up
    // in the mount table, which is long with many Pods.
    const made = await mkdir(base, { recursive: true });
    if (made === undefined && (await isMountPoint(merged))) return merged;
    await Promise.all(['upper', 'work', 'merged'].map((d) => mkdir(`${base}/${d}`, { recursive: true })));
    await writeFile(`${base}/image`, imageId);
    // Overlay lists the top layer first; relative names (resolved from cwd) keep the option short.
    const lower = diffIds.length > 0 ? diffIds.map((d) => this.#layers.name(d)).reverse() : ['empty'];
    const options = `lowerdir=${lower.join(':')},upperdir=${base}/upper,workdir=${base}/work`;
    await runChecked('mount', ['-t', 'overlay', 'overlay', '-o', options, merged], { cwd: this.#layers.dir });
    return merged;
  }

  async release(containerId: string): Promise<void> {
    const base = `${this.#dir}/${containerId}`;
    const merged = `${base}/merged`;
    if (await isMountPoint(merged)) await runChecked('umount', [merged]).catch(() => runChecked('umount', ['-l', merged]));
    await rm(base, { recursive: true, force: true });
  }

  /** Image ids of containers that still hold a rootfs, so GC never removes their layers. */
  async imagesInUse(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const c of await readdir(this.#dir)) {
      const id = await readFile(`${this.#dir}/${c}/image`, 'utf8').catch(() => '');
      if (id) ids.add(id);
    }
    return ids;
  }
}
