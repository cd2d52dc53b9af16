import { isDigest } from './digest.js';
import { ImageError } from './errors.js';
import { parseJson } from './media.js';
import { recordImage } from './metadata.js';
export function imageConfigOf(c) {
    const cfg = c.config ?? {};
    const out = {};
    if (cfg.Entrypoint)
        out.entrypoint = cfg.Entrypoint;
    if (cfg.Cmd)
        out.cmd = cfg.Cmd;
    if (cfg.Env)
        out.env = cfg.Env;
    if (cfg.WorkingDir)
        out.workingDir = cfg.WorkingDir;
    if (cfg.User)
        out.user = cfg.User;
    if (cfg.StopSignal)
        out.stopSignal = cfg.StopSignal;
    if (cfg.ExposedPorts)
        out.exposedPorts = Object.keys(cfg.ExposedPorts);
    return out;
}
export async function registerImage(parts, reg) {
    const { blobs, layers, metadata } = parts;
    const where = `image config ${reg.manifest.config.digest}`;
    const config = parseJson(await blobs.read(reg.manifest.config.digest), where);
    if (typeof config !== 'object' || config === null)
        throw new ImageError('ErrImagePull', `${where}: must be a JSON object`);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string' && isDigest(d))) {
        throw new ImageError('ErrImagePull', `${where}: rootfs.diff_ids must be an array of sha256 digests`);
    }
    if (diffIds.length !== reg.manifest.layers.length) {
        throw new ImageError('ErrImagePull', `image config lists ${diffIds.length} layers but the manifest has ${reg.manifest.layers.length}`);
    }
    const layerRecords = reg.manifest.layers.map((l, i) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size, diffId: diffIds[i] }));
    // Layers unpack into directories of their own, so they unpack side by side.
    await Promise.all(layerRecords.map((l) => layers.ensure(l)));
    const now = new Date().toISOString();
    const rec = {
        id: reg.manifest.config.digest,
        manifestDigest: reg.manifestDigest,
        repoTags: reg.repoTags,
        repoDigests: reg.repoDigests,
        layers: layerRecords,
        config: imageConfigOf(config),
        size: reg.manifest.config.size + layerRecords.reduce((n, l) => n + l.size, 0),
        source: reg.source,
        ...(reg.pinned ? { pinned: true } : {}),
        created: now,
        lastUsed: now,
    };
    return metadata.update((images) => recordImage(images, rec));
}
//# sourceMappingURL=register.js.map