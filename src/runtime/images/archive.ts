// Imports image archives: an OCI image layout (as `skopeo copy … oci-archive:` or `docker save`
// since Docker 25 write) and the classic `docker save` format with manifest.json.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { digestOf, hexOf } from './digest.js';
import { ImageError } from './errors.js';
import { run } from './exec.js';
import { tempName } from './fsutil.js';
import { documentKind, MediaType, type Descriptor, type Index, type Manifest } from './media.js';
import type { ImageRecord } from './metadata.js';
import { hostPlatform, selectManifest } from './platform.js';
import { normalizeReference, formatReference, repositoryOf, parseReference } from './reference.js';
import { registerImage, type StoreParts } from './register.js';
import { isGzip } from './unpack.js';
import { exists } from '../../util/fs.js';

export interface ImportOptions {
  /** Reference for images the archive does not name (or names only by tag). */
  name?: string;
  source?: string;
  /** Keep the images from garbage collection (the pause image). */
  pinned?: boolean;
}

export async function importArchive(parts: StoreParts, scratch: string, file: string, opts: ImportOptions = {}): Promise<ImageRecord[]> {
  const dir = tempName(scratch, 'import');
  await mkdir(dir, { recursive: true });
  try {
    await run('tar', ['-x', '-f', file, '-C', dir, '--no-same-owner', '--warning=no-unknown-keyword']);
    const source = opts.source ?? `imported from ${basename(file)}`;
    if (await exists(`${dir}/manifest.json`)) return await importDockerSave(parts, dir, source, opts.pinned);
    if (await exists(`${dir}/index.json`)) return await importOciLayout(parts, dir, source, opts.name, opts.pinned);
    throw new ImageError('ErrImagePull', `${file} is neither an OCI image layout nor a docker save archive`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}


async function copyBlob(parts: StoreParts, dir: string, digest: string): Promise<void> {
  if (await parts.blobs.has(digest)) return;
  await parts.blobs.write(digest, createReadStream(`${dir}/blobs/sha256/${hexOf(digest)}`));
}

/** The name an OCI layout entry carries, completed with `name` when it is only a tag. */
function nameOf(d: Descriptor, name: string | undefined): string | undefined {
  const full = d.annotations?.['io.containerd.image.name'];
  if (full) return full;
  const refName = d.annotations?.['org.opencontainers.image.ref.name'];
  if (refName && /[/:]/.test(refName)) return refName;
  if (refName && name) return `${repositoryOf(parseReference(name))}:${refName}`;
  return name;
}

async function importOciLayout(parts: StoreParts, dir: string, source: string, name: string | undefined, pinned?: boolean): Promise<ImageRecord[]> {
  const index = JSON.parse(await readFile(`${dir}/index.json`, 'utf8')) as Index;
  const out: ImageRecord[] = [];
  for (const top of index.manifests) {
    await copyBlob(parts, dir, top.digest);
    let manifestDigest = top.digest;
    let doc = await parts.blobs.readJson<Manifest | Index>(top.digest);
    if (documentKind(top.mediaType, doc as { manifests?: unknown }) === 'index') {
      const chosen = selectManifest((doc as Index).manifests, hostPlatform());
      if (!chosen) throw new ImageError('ErrImagePull', `no manifest for ${hostPlatform().architecture} in the archive`);
      await copyBlob(parts, dir, chosen.digest);
      manifestDigest = chosen.digest;
      doc = await parts.blobs.readJson<Manifest>(chosen.digest);
    }
    const manifest = doc as Manifest;
    for (const d of [manifest.config, ...manifest.layers]) await copyBlob(parts, dir, d.digest);
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

interface DockerSaveEntry { Config: string; RepoTags?: string[] | null; Layers: string[] }

async function importDockerSave(parts: StoreParts, dir: string, source: string, pinned?: boolean): Promise<ImageRecord[]> {
  const entries = JSON.parse(await readFile(`${dir}/manifest.json`, 'utf8')) as DockerSaveEntry[];
  const out: ImageRecord[] = [];
  for (const e of entries) {
    const configBytes = await readFile(`${dir}/${e.Config}`);
    const config: Descriptor = { mediaType: MediaType.dockerConfig, digest: await parts.blobs.put(configBytes), size: configBytes.length };
    const layers: Descriptor[] = [];
    for (const l of e.Layers) {
      const { digest, size } = await parts.blobs.putFile(`${dir}/${l}`);
      layers.push({ mediaType: (await isGzip(`${dir}/${l}`)) ? MediaType.dockerLayerGzip : MediaType.dockerLayer, digest, size });
    }
    const manifest: Manifest = { schemaVersion: 2, mediaType: MediaType.dockerManifest, config, layers };
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
