// Unpacks one layer into its own directory, ready to be an overlayfs lowerdir: the tar is verified
// against its diff_id while extract.ts writes it, every path kept inside the directory, and OCI
// whiteouts become overlay whiteouts (`.wh.name` → a 0/0 character device, `.wh..wh..opq` → the
// trusted.overlay.opaque xattr).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ImageError } from './errors.js';
import { extractTar } from './extract.js';
export async function isGzip(path) {
    const f = await open(path, 'r');
    try {
        const { bytesRead, buffer } = await f.read(Buffer.alloc(2), 0, 2, 0);
        return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
    }
    finally {
        await f.close();
    }
}
/** Opens a tar file as an uncompressed stream (gzip is detected by its magic bytes). */
export async function openTar(path) {
    const raw = createReadStream(path);
    if (!(await isGzip(path)))
        return raw;
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    return raw.pipe(gunzip);
}
export async function unpackLayer(blobPath, mediaType, dest, diffId) {
    await mkdir(dest, { recursive: true });
    const hash = createHash('sha256');
    if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd')) {
        throw new ImageError('ErrImagePull', `layer compression not supported: ${mediaType}`);
    }
    const tar = await openTar(blobPath);
    const tap = new Transform({ transform(chunk, _e, cb) { hash.update(chunk); cb(null, chunk); } });
    tar.on('error', (e) => tap.destroy(e));
    await extractTar(tar.pipe(tap), dest, { kind: 'layer', what: `layer ${diffId}` });
    const got = `sha256:${hash.digest('hex')}`;
    if (got !== diffId)
        throw new ImageError('ErrImagePull', `layer content mismatch: diff_id ${diffId}, got ${got}`);
}
//# sourceMappingURL=unpack.js.map