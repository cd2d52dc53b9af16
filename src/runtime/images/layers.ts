// Unpacked layers, one directory per diff_id under `<root>/layers`, unpacked once however many
// images share them. A directory appears (by rename) only when complete.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import type { BlobStore } from './blobs.js';
import { hexOf } from './digest.js';
import { tempName } from './fsutil.js';
import type { LayerRecord } from './metadata.js';
import { unpackLayer } from './unpack.js';

export class LayerStore {
  readonly dir: string;
  readonly #blobs: BlobStore;
  readonly #inflight = new Map<string, Promise<void>>();

  constructor(root: string, blobs: BlobStore) {
    this.dir = `${root}/layers`;
    this.#blobs = blobs;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Half-unpacked directories from a crash are never referenced; drop them.
    for (const n of await readdir(this.dir)) if (n.startsWith('tmp-')) await rm(`${this.dir}/${n}`, { recursive: true, force: true });
  }

  /** Directory name relative to `dir`, kept short so many lowerdirs fit in one mount option string. */
  name(diffId: string): string {
    return hexOf(diffId);
  }

  path(diffId: string): string {
    return `${this.dir}/${this.name(diffId)}`;
  }

  async has(diffId: string): Promise<boolean> {
    return stat(this.path(diffId)).then(() => true, () => false);
  }

  async ensure(layer: LayerRecord): Promise<void> {
    // Registered before any await, so a concurrent caller always finds it.
    let p = this.#inflight.get(layer.diffId);
    if (!p) {
      p = (async () => { if (!(await this.has(layer.diffId))) await this.#unpack(layer); })()
        .finally(() => this.#inflight.delete(layer.diffId));
      this.#inflight.set(layer.diffId, p);
    }
    return p;
  }

  async #unpack(layer: LayerRecord): Promise<void> {
    const tmp = tempName(this.dir, 'tmp');
    try {
      await unpackLayer(this.#blobs.path(layer.digest), layer.mediaType, tmp, layer.diffId);
      await rename(tmp, this.path(layer.diffId));
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  async remove(diffId: string): Promise<void> {
    await rm(this.path(diffId), { recursive: true, force: true });
  }

  async list(): Promise<string[]> {
    return (await readdir(this.dir)).filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }
}
