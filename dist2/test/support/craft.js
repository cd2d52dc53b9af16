// Hand-made tars and image archives for hostile-input tests: entries GNU tar would refuse to write
// (`..` names, `.wh...`, device nodes), and OCI layouts or docker save archives whose documents
// say whatever a test needs.
import { createHash } from 'node:crypto';
import { hostPlatform } from '../../src/runtime/images/platform.js';
import { MediaType } from '../../src/runtime/images/media.js';
const FLAG = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' };
function field(h, off, len, value) {
    if (Buffer.byteLength(value) > len)
        throw new Error(`tar field too long: ${value}`);
    h.write(value, off, len, 'utf8');
}
const octal = (n, width) => `${n.toString(8).padStart(width - 1, '0')}\0`;
/** A ustar archive of `entries`, exactly as given (no name cleaning). */
export function tarOf(entries) {
    const out = [];
    for (const e of entries) {
        const type = e.type ?? 'file';
        const data = type === 'file' ? Buffer.from(e.data ?? '') : Buffer.alloc(0);
        const h = Buffer.alloc(512);
        field(h, 0, 100, e.name);
        field(h, 100, 8, octal(e.mode ?? (type === 'dir' ? 0o755 : 0o644), 8));
        field(h, 108, 8, octal(e.uid ?? 0, 8));
        field(h, 116, 8, octal(e.gid ?? 0, 8));
        field(h, 124, 12, octal(data.length, 12));
        field(h, 136, 12, octal(1_700_000_000, 12));
        field(h, 148, 8, '        ');
        field(h, 156, 1, FLAG[type]);
        field(h, 157, 100, e.linkname ?? '');
        field(h, 257, 8, 'ustar\u000000');
        field(h, 329, 8, octal(e.major ?? 0, 8));
        field(h, 337, 8, octal(e.minor ?? 0, 8));
        let sum = 0;
        for (const b of h)
            sum += b;
        field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
        out.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
    out.push(Buffer.alloc(1024));
    return Buffer.concat(out);
}
export const sha256 = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const hex = (d) => d.slice('sha256:'.length);
export function blob(content) {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
    return { digest: sha256(bytes), size: bytes.length, bytes };
}
/** Config, layer and manifest blobs of an image made of uncompressed `layers`. */
export function imageBlobs(layers) {
    const layerBlobs = layers.map(blob);
    const config = blob({
        architecture: hostPlatform().architecture,
        os: 'linux',
        config: { Cmd: ['/bin/true'] },
        rootfs: { type: 'layers', diff_ids: layerBlobs.map((l) => l.digest) },
    });
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, digest: config.digest, size: config.size },
        layers: layerBlobs.map((l) => ({ mediaType: MediaType.ociLayer, digest: l.digest, size: l.size })),
    };
    return { config, layers: layerBlobs, manifest };
}
/** An OCI layout archive holding `blobs`, whose index.json lists `top` named `name`; `extra` entries come last. */
export function ociArchive(blobs, top, name, extra = [], topType = MediaType.ociManifest) {
    const index = {
        schemaVersion: 2,
        manifests: [{ mediaType: topType, digest: top.digest, size: top.size, annotations: { 'io.containerd.image.name': name } }],
    };
    return tarOf([
        { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        { name: 'index.json', data: JSON.stringify(index) },
        ...[...blobs, top].map((b) => ({ name: `blobs/sha256/${hex(b.digest)}`, data: b.bytes })),
        ...extra,
    ]);
}
/** A good one-image OCI layout archive of `layers`. */
export function ociImage(layers, name) {
    const img = imageBlobs(layers);
    return ociArchive([img.config, ...img.layers], blob(img.manifest), name);
}
/** A docker save archive whose manifest.json is `manifest` (any JSON), with `entries` as its files. */
export function dockerSave(manifest, entries) {
    return tarOf([...entries, { name: 'manifest.json', data: JSON.stringify(manifest) }]);
}
//# sourceMappingURL=craft.js.map