// Imports image archives: an OCI image layout (as `skopeo copy … oci-archive:` or `docker save`
// since Docker 25 write) and the classic `docker save` format with manifest.json. The archive is
// unpacked as plain root-owned files (extract.ts), and every path its documents name must be a
// relative path that stays inside it, symlinks included; blobs named by digest are verified.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { digestOf, hexOf } from './digest.js';
import { ImageError } from './errors.js';
import { extractTar } from './extract.js';
import { tempName } from './fsutil.js';
import { asIndex, MediaType, parseDocument, parseEntryManifest, parseJson } from './media.js';
import { hostPlatform, selectManifest } from './platform.js';
import { normalizeReference, formatReference, repositoryOf, parseReference } from './reference.js';
import { registerImage } from './register.js';
import { pathComponents, resolveInside } from './resolve.js';
import { isGzip, openTar } from './unpack.js';
export async function importArchive(parts, scratch, file, opts = {}) {
    const a = { dir: tempName(scratch, 'import'), name: basename(file) };
    await mkdir(a.dir, { recursive: true, mode: 0o700 });
    try {
        await extractTar(await openTar(file), a.dir, { kind: 'archive', what: a.name });
        const source = opts.source ?? `imported from ${a.name}`;
        if (archiveFile(a, 'manifest.json', true))
            return await importDockerSave(parts, a, source, opts.pinned);
        if (archiveFile(a, 'index.json', true))
            return await importOciLayout(parts, a, source, opts.name, opts.pinned);
        throw new ImageError('ErrImagePull', `${file} is neither an OCI image layout nor a docker save archive`);
    }
    finally {
        await rm(a.dir, { recursive: true, force: true });
    }
}
function archiveFile(a, name, optional = false) {
    try {
        const r = resolveInside(a.dir, pathComponents(name, { allowAbsolute: false }), { containment: 'beneath', followFinal: true });
        if (!r.stat) {
            if (optional)
                return undefined;
            throw new Error(`"${name}" is not in the archive`);
        }
        if (!r.stat.isFile())
            throw new Error(`"${name}" is not a regular file`);
        return r.path;
    }
    catch (e) {
        throw new ImageError('ErrImagePull', `${a.name}: ${e.message}`);
    }
}
async function copyBlob(parts, a, digest) {
    if (await parts.blobs.has(digest))
        return;
    await parts.blobs.write(digest, createReadStream(archiveFile(a, `blobs/sha256/${hexOf(digest)}`)));
}
/** The name an OCI layout entry carries, completed with `name` when it is only a tag. */
function nameOf(d, name) {
    const full = d.annotations?.['io.containerd.image.name'];
    if (full)
        return full;
    const refName = d.annotations?.['org.opencontainers.image.ref.name'];
    if (refName && /[/:]/.test(refName))
        return refName;
    if (refName && name)
        return `${repositoryOf(parseReference(name))}:${refName}`;
    return name;
}
async function importOciLayout(parts, a, source, name, pinned) {
    const index = asIndex(parseJson(await readFile(archiveFile(a, 'index.json')), `${a.name}: index.json`), `${a.name}: index.json`);
    const out = [];
    for (const top of index.manifests) {
        await copyBlob(parts, a, top.digest);
        let manifestDigest = top.digest;
        const doc = parseDocument(await parts.blobs.read(top.digest), top.mediaType, `manifest ${top.digest}`);
        let manifest;
        if (doc.kind === 'index') {
            const chosen = selectManifest(doc.index.manifests, hostPlatform());
            if (!chosen)
                throw new ImageError('ErrImagePull', `no manifest for ${hostPlatform().architecture} in the archive`);
            await copyBlob(parts, a, chosen.digest);
            manifestDigest = chosen.digest;
            manifest = parseEntryManifest(await parts.blobs.read(chosen.digest), chosen.mediaType, `manifest ${chosen.digest}`);
        }
        else {
            manifest = doc.manifest;
        }
        for (const d of [manifest.config, ...manifest.layers])
            await copyBlob(parts, a, d.digest);
        const ref = nameOf(top, name);
        const r = ref ? normalizeReference(ref) : undefined;
        out.push(await registerImage(parts, {
            manifestDigest,
            manifest,
            repoTags: r && r.digest === undefined ? [formatReference(r)] : [],
            repoDigests: r ? [`${repositoryOf(r)}@${top.digest}`] : [],
            source,
            pinned,
        }));
    }
    return out;
}
function asDockerSave(doc, where) {
    const bad = (field, why) => { throw new ImageError('ErrImagePull', `${where}: ${field} ${why}`); };
    if (!Array.isArray(doc))
        bad('the document', 'must be an array of images');
    const strings = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');
    doc.forEach((e, i) => {
        const o = (typeof e === 'object' && e !== null ? e : {});
        if (typeof o.Config !== 'string')
            bad(`[${i}].Config`, o.Config === undefined ? 'is missing' : 'must be a path');
        if (!strings(o.Layers))
            bad(`[${i}].Layers`, o.Layers === undefined ? 'is missing' : 'must be an array of paths');
        if (o.RepoTags !== undefined && o.RepoTags !== null && !strings(o.RepoTags))
            bad(`[${i}].RepoTags`, 'must be an array of references');
    });
    return doc;
}
/** The digest a docker save path is named by (`blobs/sha256/<hex>`, `<hex>.json`), to verify its copy against. */
function digestInName(name) {
    const m = /^(?:blobs\/sha256\/([a-f0-9]{64})|([a-f0-9]{64})\.json)$/.exec(pathComponents(name, { allowAbsolute: false }).join('/'));
    return m ? `sha256:${m[1] ?? m[2]}` : undefined;
}
/** Copies a file a docker save manifest names into the blob store, verified when its name is a digest. */
async function storeFile(parts, a, name) {
    const path = archiveFile(a, name);
    const digest = digestInName(name);
    if (!digest)
        return { ...(await parts.blobs.putFile(path)), path };
    if (!(await parts.blobs.has(digest)))
        await parts.blobs.write(digest, createReadStream(path));
    return { digest, size: (await stat(path)).size, path };
}
async function importDockerSave(parts, a, source, pinned) {
    const where = `${a.name}: manifest.json`;
    const entries = asDockerSave(parseJson(await readFile(archiveFile(a, 'manifest.json')), where), where);
    const out = [];
    for (const e of entries) {
        const cfg = await storeFile(parts, a, e.Config);
        const config = { mediaType: MediaType.dockerConfig, digest: cfg.digest, size: cfg.size };
        const layers = [];
        for (const l of e.Layers) {
            const { digest, size, path } = await storeFile(parts, a, l);
            layers.push({ mediaType: (await isGzip(path)) ? MediaType.dockerLayerGzip : MediaType.dockerLayer, digest, size });
        }
        const manifest = { schemaVersion: 2, mediaType: MediaType.dockerManifest, config, layers };
        const bytes = JSON.stringify(manifest);
        await parts.blobs.put(bytes);
        out.push(await registerImage(parts, {
            manifestDigest: digestOf(bytes),
            manifest,
            repoTags: (e.RepoTags ?? []).map((t) => formatReference(normalizeReference(t))),
            repoDigests: [],
            source,
            pinned,
        }));
    }
    return out;
}
//# sourceMappingURL=archive.js.map