// Per-container root filesystems: an overlay of the image's layers with a fresh upper and work
// directory under `<root>/containers/<id>`, so containers never write into shared layers.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { isMountPoint } from '../../util/mounts.js';
import { runChecked } from '../../util/host-command.js';
import type { LayerStore } from './layers.js';

/** The kernel copies at most a page of mount options. */
const MAX_MOUNT_DATA = 4095;

const overlayOptions = (lower: string[], base: string): string => `lowerdir=${lower.join(':')},upperdir=${base}/upper,workdir=${base}/work`;

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

  /** Mounts the overlay for `containerId` on the host (idempotent) and returns the merged path. */
  async prepare(containerId: string, imageId: string, diffIds: string[]): Promise<string> {
    const base = this.#base(containerId);
    const merged = `${base}/merged`;
    // A new container's folder cannot hold a mount: only an existing one (a retry, a restart) is looked up
    // in the mount table, which is long with many Pods.
    if (!(await this.#layout(base, imageId)) && (await isMountPoint(merged))) return merged;
    // Overlay lists the top layer first; relative names (resolved from cwd) keep the option short.
    await runChecked('mount', ['-t', 'overlay', 'overlay', '-o', overlayOptions(this.#lower(diffIds, false), base), merged], { cwd: this.#layers.dir });
    return merged;
  }

  /**
   * The overlay for `containerId` as mount options for the container to mount as its own `/`, so it
   * never enters the host's mount table: that table is read whole by every runc process (several times
   * each) and by every mount lookup here, and each overlay line is long. Returns the empty directory to
   * mount on, or the host-mounted rootfs (no options) when the absolute layer paths exceed what one
   * mount's options can hold.
   */
  async prepareForContainer(containerId: string, imageId: string, diffIds: string[]): Promise<{ path: string; overlay?: string[] }> {
    const base = this.#base(containerId);
    const options = overlayOptions(this.#lower(diffIds, true), base);
    if (options.length > MAX_MOUNT_DATA) return { path: await this.prepare(containerId, imageId, diffIds) };
    await this.#layout(base, imageId);
    return { path: `${base}/merged`, overlay: options.split(',') };
  }

  #base(containerId: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(containerId)) throw new Error(`invalid container id "${containerId}"`);
    return `${this.#dir}/${containerId}`;
  }

  /** Makes the container's folders; true when the folder is new. */
  async #layout(base: string, imageId: string): Promise<boolean> {
    const made = await mkdir(base, { recursive: true });
    await Promise.all(['upper', 'work', 'merged'].map((d) => mkdir(`${base}/${d}`, { recursive: true })));
    await writeFile(`${base}/image`, imageId);
    return made !== undefined;
  }

  /** The lower layers, top first: names relative to the layer directory, or absolute paths. */
  #lower(diffIds: string[], absolute: boolean): string[] {
    const names = diffIds.length > 0 ? diffIds.map((d) => this.#layers.name(d)).reverse() : ['empty'];
    return absolute ? names.map((n) => `${this.#layers.dir}/${n}`) : names;
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
