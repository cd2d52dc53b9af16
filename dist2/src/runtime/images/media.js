// The OCI and Docker schema2 document shapes berth reads and writes, their media types, and the checks
// that a document read from outside has the shape its type claims.
import { isDigest } from './digest.js';
import { ImageError } from './errors.js';
export const MediaType = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayer: 'application/vnd.oci.image.layer.v1.tar',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json',
    dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
    dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    dockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
};
export const MANIFEST_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];
export const INDEX_TYPES = [MediaType.ociIndex, MediaType.dockerList];
/** The kind of document by its declared media type, or by its shape when none is declared. */
export function documentKind(mediaType, doc) {
    if (mediaType && MANIFEST_TYPES.includes(mediaType))
        return 'manifest';
    if (mediaType && INDEX_TYPES.includes(mediaType))
        return 'index';
    if (Array.isArray(doc.manifests))
        return 'index';
    if (doc.config && typeof doc.config === 'object')
        return 'manifest';
    return 'unknown';
}
// Documents come from registries and archives: each field is checked before use, and a bad one is
// named in the error (`manifest.layers is not iterable` told nobody what was wrong).
function invalid(where, field, why) {
    throw new ImageError('ErrImagePull', `${where}: ${field} ${why}`);
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function asDescriptor(v, where, field) {
    if (!isObject(v))
        invalid(where, field, 'must be a descriptor object');
    if (typeof v.digest !== 'string' || !isDigest(v.digest))
        invalid(where, `${field}.digest`, `must be a sha256 digest, not ${JSON.stringify(v.digest)}`);
    if (typeof v.mediaType !== 'string' && v.mediaType !== undefined)
        invalid(where, `${field}.mediaType`, 'must be a string');
    if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0)
        invalid(where, `${field}.size`, 'must be a non-negative integer');
    return v;
}
function asDescriptors(v, where, field) {
    if (!Array.isArray(v))
        invalid(where, field, v === undefined ? 'is missing' : 'must be an array of descriptors');
    return v.map((d, i) => asDescriptor(d, where, `${field}[${i}]`));
}
/** An image manifest, checked field by field; `where` names the document in errors. */
export function asManifest(doc, where) {
    if (!isObject(doc))
        invalid(where, 'the manifest', 'must be a JSON object');
    if (doc.config === undefined)
        invalid(where, 'config', Array.isArray(doc.manifests) ? 'is missing: this is an index, not an image manifest' : 'is missing');
    asDescriptor(doc.config, where, 'config');
    asDescriptors(doc.layers, where, 'layers');
    return doc;
}
/** An image index or manifest list, checked field by field. */
export function asIndex(doc, where) {
    if (!isObject(doc))
        invalid(where, 'the index', 'must be a JSON object');
    asDescriptors(doc.manifests, where, 'manifests');
    return doc;
}
/** Parses a document's bytes as JSON, naming it when they are not. */
export function parseJson(bytes, where) {
    try {
        return JSON.parse(bytes.toString());
    }
    catch (e) {
        throw new ImageError('ErrImagePull', `${where}: not valid JSON (${e.message})`);
    }
}
/** A manifest or index from its bytes; `mediaType` is the one declared for it (header or descriptor). */
export function parseDocument(bytes, mediaType, where) {
    const doc = parseJson(bytes, where);
    const declared = mediaType || (isObject(doc) && typeof doc.mediaType === 'string' ? doc.mediaType : undefined);
    const kind = documentKind(declared, isObject(doc) ? doc : {});
    if (kind === 'index')
        return { kind, index: asIndex(doc, where) };
    if (kind === 'unknown' && declared)
        invalid(where, 'mediaType', `"${declared}" is not an image manifest or index type`);
    return { kind: 'manifest', manifest: asManifest(doc, where) };
}
/** The image manifest an index entry points at; another index there is refused. */
export function parseEntryManifest(bytes, mediaType, where) {
    const d = parseDocument(bytes, mediaType, where);
    if (d.kind === 'index')
        invalid(where, 'the document', 'is an index inside an index; nested indexes are not supported');
    return d.manifest;
}
//# sourceMappingURL=media.js.map