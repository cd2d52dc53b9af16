// Writes a one-layer image as an OCI image layout archive: the layer gzipped (digest and diff_id
// computed in the same pass), its config, manifest and index naming the image.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { digestOf, hexOf } from '../digest.js';
import { run } from '../exec.js';
import { MediaType } from '../media.js';
import { hostPlatform } from '../platform.js';
function hashing(hash, count) {
    return new Transform({ transform(c, _e, cb) { hash.update(c); count.n += c.length; cb(null, c); } });
}
export async function writeOciArchive(workDir, out, img) {
    const layout = `${workDir}/layout`;
    const blobDir = `${layout}/blobs/sha256`;
    await mkdir(blobDir, { recursive: true });
    const diff = createHash('sha256');
    const comp = createHash('sha256');
    const size = { n: 0 };
    const tmp = `${blobDir}/layer.tmp`;
    await pipeline(createReadStream(img.layerTar), hashing(diff, { n: 0 }), createGzip(), hashing(comp, size), createWriteStream(tmp));
    const layerDigest = `sha256:${comp.digest('hex')}`;
    await rename(tmp, `${blobDir}/${hexOf(layerDigest)}`);
    const putJson = async (doc) => {
        const bytes = JSON.stringify(doc);
        const digest = digestOf(bytes);
        await writeFile(`${blobDir}/${hexOf(digest)}`, bytes);
        return { digest, size: Buffer.byteLength(bytes) };
    };
    const created = new Date().toISOString();
    const config = {
        architecture: hostPlatform().architecture,
        os: 'linux',
        created,
        config: img.config,
        rootfs: { type: 'layers', diff_ids: [`sha256:${diff.digest('hex')}`] },
        history: [{ created, created_by: img.createdBy }],
    };
    const cfg = await putJson(config);
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, ...cfg },
        layers: [{ mediaType: MediaType.ociLayerGzip, digest: layerDigest, size: size.n }],
    };
    const man = await putJson(manifest);
    const index = {
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [{
                mediaType: MediaType.ociManifest,
                ...man,
                platform: { os: 'linux', architecture: hostPlatform().architecture },
                annotations: { 'io.containerd.image.name': img.name, 'org.opencontainers.image.ref.name': img.name },
            }],
    };
    await writeFile(`${layout}/index.json`, JSON.stringify(index));
    await writeFile(`${layout}/oci-layout`, JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    // A temporary name of this process's own: two builds of one image may race, and the rename keeps either whole.
    const archiveTmp = `${out}.${process.pid}.tmp`;
    await run('tar', ['-c', '-f', archiveTmp, '-C', layout, '.']);
    await rename(archiveTmp, out);
    await rm(layout, { recursive: true, force: true });
}
/** Tars a staged directory as a layer, owned by root with fixed times, in name order. */
export async function tarDirectory(dir, out) {
    await run('tar', ['-c', '-f', out, '-C', dir, '--numeric-owner', '--owner=0', '--group=0', '--sort=name', '--mtime=@0', '.']);
}
//# sourceMappingURL=layout.js.map