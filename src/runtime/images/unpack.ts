// Unpacks one layer into its own directory, ready to be an overlayfs lowerdir: the tar is verified
// against its diff_id while GNU tar extracts it, then OCI whiteouts become overlay whiteouts
// (`.wh.name` → a 0/0 character device, `.wh..wh..opq` → the trusted.overlay.opaque xattr).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { run } from './exec.js';
import { ImageError } from './errors.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export async function isGzip(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await f.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await f.close();
  }
}

/** Opens the layer as an uncompressed tar stream (gzip is detected by its magic bytes). */
async function tarStream(blobPath: string, mediaType: string): Promise<Readable> {
  if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd')) {
    throw new ImageError('ErrImagePull', `layer compression not supported: ${mediaType}`);
  }
  const raw = createReadStream(blobPath);
  if (!(await isGzip(blobPath))) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

export async function unpackLayer(blobPath: string, mediaType: string, dest: string, diffId: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  const hash = createHash('sha256');
  const tar = await tarStream(blobPath, mediaType);
  const tap = new Transform({ transform(chunk: Buffer, _e, cb) { hash.update(chunk); cb(null, chunk); } });
  tar.on('error', (e) => tap.destroy(e));
  const input = tar.pipe(tap).pipe(new PassThrough());
  await run('tar', [
    '-x', '-f', '-', '-C', dest,
    '--numeric-owner', '--same-owner', '--same-permissions', '--delay-directory-restore',
    '--xattrs', '--xattrs-include=security.capability', '--xattrs-include=user.*',
    '--warning=no-unknown-keyword', '--warning=no-timestamp',
  ], { input });
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== diffId) throw new ImageError('ErrImagePull', `layer content mismatch: diff_id ${diffId}, got ${got}`);
  await convertWhiteouts(dest);
}

async function convertWhiteouts(dest: string): Promise<void> {
  const found = (await run('find', [dest, '-name', `${WHITEOUT}*`, '-print0'])).split('\0').filter(Boolean);
  const opaque: string[] = [];
  for (const path of found) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    await rm(path, { recursive: true, force: true });
    if (name === OPAQUE) {
      opaque.push(dirname(path));
    } else {
      const hidden = join(dirname(path), name.slice(WHITEOUT.length));
      await rm(hidden, { recursive: true, force: true });
      await run('mknod', ['-m', '000', hidden, 'c', '0', '0']);
    }
  }
  if (opaque.length > 0) await run('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', ...opaque]);
}
