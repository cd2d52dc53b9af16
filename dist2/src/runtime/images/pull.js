import { RegistryClient } from './distribution.js';
import { ImageError } from './errors.js';
import { parseDocument, parseEntryManifest } from './media.js';
import { hostPlatform, selectManifest } from './platform.js';
import { normalizeReference, repositoryOf, formatReference } from './reference.js';
import { endpointsFor } from './registries.js';
import { registerImage } from './register.js';
const PARALLEL_LAYERS = 3;
export async function pullImage(parts, registries, ref, opts = {}) {
    const r = normalizeReference(ref);
    const { client, top } = await resolve(r.domain, r.path, r.digest ?? r.tag, registries, opts);
    const manifestDoc = await manifestFor(client, top);
    const { manifest, fetched } = manifestDoc;
    await parts.blobs.put(top.bytes);
    if (fetched !== top)
        await parts.blobs.put(fetched.bytes);
    const imageTotal = [manifest.config, ...manifest.layers].reduce((n, d) => n + d.size, 0);
    const download = async (d) => {
        let current = 0;
        const report = (done) => opts.onProgress?.({ layer: d.digest, current, total: d.size, done, imageTotal });
        await parts.blobs.ensure(d.digest, async () => {
            const body = await client.blob(d.digest);
            await parts.blobs.write(d.digest, body, (n) => {
                current += n;
                report(false);
            });
        });
        current = d.size;
        report(true);
    };
    await download(manifest.config);
    await forEachLimit(manifest.layers, PARALLEL_LAYERS, download);
    const repo = repositoryOf(r);
    return registerImage(parts, {
        manifestDigest: fetched.digest,
        manifest,
        // A digest reference pins content; any tag written beside it names nothing new.
        repoTags: r.digest === undefined ? [formatReference(r)] : [],
        repoDigests: [`${repo}@${top.digest}`],
        source: `pulled from ${client.endpoint.host}`,
    });
}
/** Tries each endpoint in order; the last failure is the one reported. */
async function resolve(domain, path, reference, registries, opts) {
    let last;
    for (const ep of endpointsFor(domain, registries)) {
        const client = new RegistryClient(ep, path, opts);
        try {
            return { client, top: await client.manifest(reference) };
        }
        catch (e) {
            if (opts.signal?.aborted)
                throw e;
            last = e;
        }
    }
    if (last instanceof ImageError)
        throw last;
    throw new ImageError('ErrImagePull', `failed to pull ${domain}/${path}:${reference}: ${last?.message ?? 'no endpoint'}`);
}
async function manifestFor(client, top) {
    const doc = parseDocument(top.bytes, top.mediaType, `manifest ${top.digest}`);
    if (doc.kind === 'manifest')
        return { manifest: doc.manifest, fetched: top };
    const want = hostPlatform();
    const chosen = selectManifest(doc.index.manifests, want);
    if (!chosen)
        throw new ImageError('ErrImagePull', `no matching manifest for ${want.os}/${want.architecture} in the manifest list entries`);
    const fetched = await client.manifest(chosen.digest);
    return { manifest: parseEntryManifest(fetched.bytes, fetched.mediaType, `manifest ${chosen.digest}`), fetched };
}
export async function forEachLimit(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
//# sourceMappingURL=pull.js.map