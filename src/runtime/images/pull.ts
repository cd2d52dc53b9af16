// Pulls an image over the OCI Distribution API: resolves the reference on the first endpoint that
// answers (mirrors first), picks this host's platform from an index, then fetches config and
// layers (verified, each at most once at a time across concurrent pulls) and registers the image.
import type { PullOptions } from '../types.js';
import { RegistryClient, type FetchedManifest } from './distribution.js';
import { ImageError } from './errors.js';
import { parseDocument, parseEntryManifest, type Descriptor, type Manifest } from './media.js';
import type { ImageRecord } from './metadata.js';
import { hostPlatform, selectManifest } from './platform.js';
import { normalizeReference, repositoryOf, formatReference } from './reference.js';
import { endpointsFor, type RegistryConfig } from './registries.js';
import { registerImage, type StoreParts } from './register.js';

const PARALLEL_LAYERS = 3;

export async function pullImage(parts: StoreParts, registries: RegistryConfig, ref: string, opts: PullOptions = {}): Promise<ImageRecord> {
  const r = normalizeReference(ref);
  const { client, top } = await resolve(r.domain, r.path, r.digest ?? r.tag!, registries, opts);
  const manifestDoc = await manifestFor(client, top);
  const { manifest, fetched } = manifestDoc;
  await parts.blobs.put(top.bytes);
  if (fetched !== top) await parts.blobs.put(fetched.bytes);

  const imageTotal = [manifest.config, ...manifest.layers].reduce((n, d) => n + d.size, 0);
  const download = async (d: Descriptor): Promise<void> => {
    let current = 0;
    const report = (done: boolean) => opts.onProgress?.({ layer: d.digest, current, total: d.size, done, imageTotal });
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
async function resolve(domain: string, path: string, reference: string, registries: RegistryConfig, opts: PullOptions) {
  let last: unknown;
  for (const ep of endpointsFor(domain, registries)) {
    const client = new RegistryClient(ep, path, opts);
    try {
      return { client, top: await client.manifest(reference) };
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      last = e;
    }
  }
  if (last instanceof ImageError) throw last;
  throw new ImageError('ErrImagePull', `failed to pull ${domain}/${path}:${reference}: ${(last as Error)?.message ?? 'no endpoint'}`);
}

async function manifestFor(client: RegistryClient, top: FetchedManifest): Promise<{ manifest: Manifest; fetched: FetchedManifest }> {
  const doc = parseDocument(top.bytes, top.mediaType, `manifest ${top.digest}`);
  if (doc.kind === 'manifest') return { manifest: doc.manifest, fetched: top };
  const want = hostPlatform();
  const chosen = selectManifest(doc.index.manifests, want);
  if (!chosen) throw new ImageError('ErrImagePull', `no matching manifest for ${want.os}/${want.architecture} in the manifest list entries`);
  const fetched = await client.manifest(chosen.digest);
  return { manifest: parseEntryManifest(fetched.bytes, fetched.mediaType, `manifest ${chosen.digest}`), fetched };
}

export async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
