// An in-memory ImageService: images are present or pulled (after a scripted latency) by name, with no
// layers behind them; rootfs preparation hands out a path no one mounts. Names are normalised and
// refused as the image store does, so the kubelet sees the same events and reasons.

import { createHash } from 'node:crypto';
import type { ImageConfig, ImageRef, ImageService, PullOptions } from '../types.js';
import { isDigest } from '../images/digest.js';
import { ImageError } from '../images/errors.js';
import { normalizeReferenceString } from '../images/reference.js';
import { realClock, type Clock } from './clock.js';
import { Failures } from './failures.js';

export interface FakeImagesOptions {
  clock?: Clock;
  /** How long a pull takes. */
  pullLatencyMs?: number;
  /** Whether a registry would serve ref; every valid name by default. */
  pullable?: (ref: string) => boolean;
}

export type ImageOp = keyof ImageService;

export class FakeImages implements ImageService {
  readonly #clock: Clock;
  readonly #latency: number;
  readonly #pullable: (ref: string) => boolean;
  readonly #failures = new Failures<ImageOp>();
  /** By normalised name. */
  readonly #images = new Map<string, ImageRef>();
  readonly #rootfs = new Map<string, string>();

  constructor(opts: FakeImagesOptions = {}) {
    this.#clock = opts.clock ?? realClock;
    this.#latency = opts.pullLatencyMs ?? 0;
    this.#pullable = opts.pullable ?? (() => true);
  }

  failNext(op: ImageOp, err: Error): void {
    this.#failures.failNext(op, err);
  }

  /** Makes ref present on the node, as if imported. */
  present(ref: string, config: ImageConfig = {}, source = 'imported'): ImageRef {
    const name = normalizeReferenceString(ref);
    const image: ImageRef = { id: `sha256:${createHash('sha256').update(name).digest('hex')}`, repoTags: [name], repoDigests: [], size: 1024, config, source };
    this.#images.set(name, image);
    return image;
  }

  async pullImage(ref: string, _opts?: PullOptions): Promise<ImageRef> {
    this.#failures.check('pullImage');
    normalizeReferenceString(ref); // throws InvalidImageName first, as a real pull does
    await this.#clock.sleep(this.#latency);
    if (!this.#pullable(ref)) throw new ImageError('ErrImagePull', `${ref}: not found in the fake registry`);
    return this.present(ref, this.#resolve(ref)?.config, 'pulled from fake registry');
  }

  async imageStatus(ref: string): Promise<ImageRef | null> {
    this.#failures.check('imageStatus');
    return this.#resolve(ref) ?? null;
  }

  async listImages(): Promise<ImageRef[]> {
    this.#failures.check('listImages');
    return [...new Set(this.#images.values())];
  }

  async removeImage(ref: string): Promise<void> {
    this.#failures.check('removeImage');
    const image = this.#resolve(ref);
    if (!image) throw new ImageError('ImageNotPresent', `image "${ref}" not found`);
    if ([...this.#rootfs.values()].includes(image.id)) throw new ImageError('ImageInUse', `image "${ref}" is in use by a container`);
    for (const [k, v] of this.#images) if (v.id === image.id) this.#images.delete(k);
  }

  async prepareRootfs(imageRef: string, containerId: string): Promise<string> {
    this.#failures.check('prepareRootfs');
    const image = this.#resolve(imageRef);
    if (!image) throw new ImageError('ImageNotPresent', `image "${imageRef}" is not present on this node`);
    this.#rootfs.set(containerId, image.id);
    return `/fake-rootfs/${containerId}`;
  }

  async releaseRootfs(containerId: string): Promise<void> {
    this.#failures.check('releaseRootfs');
    this.#rootfs.delete(containerId);
  }

  #resolve(ref: string): ImageRef | undefined {
    if (isDigest(ref)) return [...this.#images.values()].find((i) => i.id === ref);
    return this.#images.get(normalizeReferenceString(ref));
  }
}
