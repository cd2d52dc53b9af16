// ImageStore: the node's ImageService. Content-addressed blobs, unpacked layers, a reference index
// and per-container overlay roots, all under one root directory (`<dataDir>/images`).
import { chmod, mkdir } from 'node:fs/promises';
import type { ImageRef, ImageService, PullOptions } from '../types.js';
import { importArchive, type ImportOptions } from './archive.js';
import { BlobStore } from './blobs.js';
import { isDigest } from './digest.js';
import { ImageError } from './errors.js';
import { collect, type GcOptions, type GcResult } from './gc.js';
import { LayerStore } from './layers.js';
import { Metadata, type ImageRecord } from './metadata.js';
import { pullImage } from './pull.js';
import { formatReference, normalizeReference, repositoryOf } from './reference.js';
import type { StoreParts } from './register.js';
import type { RegistryConfig } from './registries.js';
import { RootfsManager } from './rootfs.js';

export interface ImageStoreOptions {
  root: string;
  registries?: RegistryConfig;
}

/** How often an image's lastUsed is rewritten at most (see #touch). */
const LAST_USED_PRECISION_MS = 60_000;

function toImageRef(r: ImageRecord): ImageRef {
  return { id: r.id, repoTags: [...r.repoTags], repoDigests: [...r.repoDigests], size: r.size, config: r.config, source: r.source };
}

export class ImageStore implements ImageService {
  readonly root: string;
  readonly #registries: RegistryConfig;
  readonly #parts: StoreParts;
  readonly #rootfs: RootfsManager;
  #ready: Promise<void> | undefined;
  /** Pulls and imports under way; blob sweeping waits for none, so it never takes their blobs. */
  #writers = 0;
  /** When this process last recorded each image's use. */
  readonly #touched = new Map<string, number>();

  constructor(opts: ImageStoreOptions) {
    this.root = opts.root;
    this.#registries = opts.registries ?? {};
    const blobs = new BlobStore(opts.root);
    const layers = new LayerStore(opts.root, blobs);
    this.#parts = { blobs, layers, metadata: new Metadata(opts.root) };
    this.#rootfs = new RootfsManager(opts.root, layers);
  }

  #init(): Promise<void> {
    this.#ready ??= (async () => {
      // Layers keep their owners and modes (setuid files, capabilities): only root may walk to them.
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await chmod(this.root, 0o700);
      await this.#parts.blobs.init();
      await this.#parts.layers.init();
      await this.#parts.metadata.load();
      await this.#rootfs.init();
    })();
    return this.#ready;
  }

  /** Ready, with the index as on disk now: `berth images` may have added to it while this store runs. */
  async #fresh(): Promise<void> {
    await this.#init();
    await this.#parts.metadata.load();
  }

  async #writing<T>(work: () => Promise<T>): Promise<T> {
    await this.#init();
    this.#writers++;
    try {
      return await work();
    } finally {
      this.#writers--;
    }
  }

  /**
   * The image a reference names: a normalised tag or digest reference, or an image id
   * (`sha256:<config digest>`). Throws InvalidImageName for references that do not parse.
   */
  async resolve(ref: string): Promise<ImageRecord | undefined> {
    await this.#fresh();
    const md = this.#parts.metadata;
    if (isDigest(ref)) return md.get(ref) ?? md.all().find((i) => i.manifestDigest === ref);
    const r = normalizeReference(ref);
    return md.find(r.digest !== undefined ? `${repositoryOf(r)}@${r.digest}` : formatReference(r));
  }

  async pullImage(ref: string, opts: PullOptions = {}): Promise<ImageRef> {
    return toImageRef(await this.#writing(() => pullImage(this.#parts, this.#registries, ref, opts)));
  }

  async importArchive(file: string, opts: ImportOptions = {}): Promise<ImageRef[]> {
    const recs = await this.#writing(() => importArchive(this.#parts, `${this.root}/ingest`, file, opts));
    return recs.map(toImageRef);
  }

  async imageStatus(ref: string): Promise<ImageRef | null> {
    const rec = await this.resolve(ref);
    return rec ? toImageRef(rec) : null;
  }

  async listImages(): Promise<ImageRef[]> {
    await this.#fresh();
    return this.#parts.metadata.all().map(toImageRef);
  }

  /**
   * Removes a tag when the image has others (as `docker rmi` does), else the whole image and
   * whatever blobs and layers no other image shares. An image under a container's rootfs stays.
   */
  async removeImage(ref: string): Promise<void> {
    const rec = await this.resolve(ref);
    if (!rec) throw new ImageError('ImageNotPresent', `image "${ref}" not found`);
    const tag = isDigest(ref) ? undefined : formatReference(normalizeReference(ref));
    if (tag && rec.repoTags.includes(tag) && rec.repoTags.length > 1) {
      await this.#parts.metadata.update((images) => { images[rec.id]!.repoTags = rec.repoTags.filter((t) => t !== tag); });
      return;
    }
    if ((await this.#rootfs.imagesInUse()).has(rec.id)) {
      throw new ImageError('ImageInUse', `image "${ref}" is in use by a container`);
    }
    await this.#parts.metadata.update((images) => { delete images[rec.id]; });
    await this.#sweep();
  }

  /** Deletes blobs and layers no image references. Skipped while a pull or import is running. */
  async #sweep(): Promise<void> {
    if (this.#writers > 0) return;
    const { blobs, layers, metadata } = this.#parts;
    const keepBlobs = new Set<string>();
    const keepLayers = new Set<string>();
    for (const img of metadata.all()) {
      keepBlobs.add(img.id).add(img.manifestDigest);
      for (const d of img.repoDigests) keepBlobs.add(d.slice(d.indexOf('@') + 1));
      for (const l of img.layers) {
        keepBlobs.add(l.digest);
        keepLayers.add(l.diffId);
      }
    }
    for (const d of await blobs.list()) if (!keepBlobs.has(d)) await blobs.remove(d);
    for (const d of await layers.list()) if (!keepLayers.has(d)) await layers.remove(d);
  }

  async prepareRootfs(imageRef: string, containerId: string): Promise<string> {
    const rec = await this.#layersOf(imageRef);
    return this.#rootfs.prepare(containerId, rec.id, rec.layers.map((l) => l.diffId));
  }

  /** A container's root: the overlay left for the container to mount as its `/` (see RootfsManager). */
  async containerRootfs(imageRef: string, containerId: string): Promise<{ path: string; overlay?: string[] }> {
    const rec = await this.#layersOf(imageRef);
    return this.#rootfs.prepareForContainer(containerId, rec.id, rec.layers.map((l) => l.diffId));
  }

  /** The image, with its layers unpacked and its use recorded. */
  async #layersOf(imageRef: string): Promise<ImageRecord> {
    const rec = await this.resolve(imageRef);
    if (!rec) throw new ImageError('ImageNotPresent', `image "${imageRef}" is not present on this node`);
    for (const l of rec.layers) await this.#parts.layers.ensure(l);
    await this.#touch(rec.id);
    return rec;
  }

  /**
   * Records that the image was used, for GC's least-recently-used order. An image under a container is
   * never collected anyway, so a minute's precision is enough: a burst of containers of one image
   * rewrites the index once, not once per container (each rewrite waits for the one before).
   */
  async #touch(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.#touched.get(id) ?? -Infinity) < LAST_USED_PRECISION_MS) return;
    this.#touched.set(id, now);
    await this.#parts.metadata.update((images) => { if (images[id]) images[id]!.lastUsed = new Date(now).toISOString(); });
  }

  async releaseRootfs(containerId: string): Promise<void> {
    await this.#init();
    await this.#rootfs.release(containerId);
  }

  /** Frees disk by removing least recently used, unused images (see gc.ts). */
  async garbageCollect(opts: GcOptions): Promise<GcResult> {
    await this.#fresh();
    const inUse = new Set([...opts.inUse, ...(await this.#rootfs.imagesInUse())]);
    return collect(this.root, { ...opts, inUse }, this.#parts.metadata.all(), async (id) => {
      await this.#parts.metadata.update((images) => { delete images[id]; });
      await this.#sweep();
    });
  }
}
