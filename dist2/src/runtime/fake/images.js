// An in-memory ImageService: images are present or pulled (after a scripted latency) by name, with no
// layers behind them; rootfs preparation hands out a path no one mounts. Names are normalised and
// refused as the image store does, so the kubelet sees the same events and reasons.
import { createHash } from 'node:crypto';
import { isDigest } from '../images/digest.js';
import { ImageError } from '../images/errors.js';
import { normalizeReferenceString } from '../images/reference.js';
import { realClock } from './clock.js';
import { Failures } from './failures.js';
export class FakeImages {
    #clock;
    #latency;
    #pullable;
    #failures = new Failures();
    /** By normalised name. */
    #images = new Map();
    #rootfs = new Map();
    constructor(opts = {}) {
        this.#clock = opts.clock ?? realClock;
        this.#latency = opts.pullLatencyMs ?? 0;
        this.#pullable = opts.pullable ?? (() => true);
    }
    failNext(op, err) {
        this.#failures.failNext(op, err);
    }
    /** Makes ref present on the node, as if imported. */
    present(ref, config = {}, source = 'imported') {
        const name = normalizeReferenceString(ref);
        const image = { id: `sha256:${createHash('sha256').update(name).digest('hex')}`, repoTags: [name], repoDigests: [], size: 1024, config, source };
        this.#images.set(name, image);
        return image;
    }
    async pullImage(ref, _opts) {
        this.#failures.check('pullImage');
        normalizeReferenceString(ref); // throws InvalidImageName first, as a real pull does
        await this.#clock.sleep(this.#latency);
        if (!this.#pullable(ref))
            throw new ImageError('ErrImagePull', `${ref}: not found in the fake registry`);
        return this.present(ref, this.#resolve(ref)?.config, 'pulled from fake registry');
    }
    async imageStatus(ref) {
        this.#failures.check('imageStatus');
        return this.#resolve(ref) ?? null;
    }
    async listImages() {
        this.#failures.check('listImages');
        return [...new Set(this.#images.values())];
    }
    async removeImage(ref) {
        this.#failures.check('removeImage');
        const image = this.#resolve(ref);
        if (!image)
            throw new ImageError('ImageNotPresent', `image "${ref}" not found`);
        if ([...this.#rootfs.values()].includes(image.id))
            throw new ImageError('ImageInUse', `image "${ref}" is in use by a container`);
        for (const [k, v] of this.#images)
            if (v.id === image.id)
                this.#images.delete(k);
    }
    async prepareRootfs(imageRef, containerId) {
        this.#failures.check('prepareRootfs');
        const image = this.#resolve(imageRef);
        if (!image)
            throw new ImageError('ImageNotPresent', `image "${imageRef}" is not present on this node`);
        this.#rootfs.set(containerId, image.id);
        return `/fake-rootfs/${containerId}`;
    }
    async releaseRootfs(containerId) {
        this.#failures.check('releaseRootfs');
        this.#rootfs.delete(containerId);
    }
    #resolve(ref) {
        if (isDigest(ref))
            return [...this.#images.values()].find((i) => i.id === ref);
        return this.#images.get(normalizeReferenceString(ref));
    }
}
//# sourceMappingURL=images.js.map