// Shared set-up for image tests and for the kubelet tests: a real Debian docker-registry on
// loopback, OCI layouts built with umoci and pushed with skopeo, and the locally built test images.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runChecked } from '../../src/util/host-command.js';
import { buildImage } from '../../src/runtime/images/build/index.js';
import { ImageStore } from '../../src/runtime/images/store.js';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  /** The registry's log so far (one line per request). */
  log(): string;
  /** Root of the registry's filesystem storage (for corrupting blobs on purpose). */
  storage: string;
  stop(): Promise<void>;
}

/** Starts docker-registry on 127.0.0.1 with storage in a temp dir; `basicAuth` turns on htpasswd. */
export async function startRegistry(basicAuth?: { username: string; password: string }): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  let auth = '';
  if (basicAuth) {
    await runChecked('htpasswd', ['-Bbc', `${dir}/htpasswd`, basicAuth.username, basicAuth.password]);
    auth = `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${dir}/htpasswd\n`;
  }
  await writeFile(`${dir}/config.yml`, [
    'version: 0.1',
    'log:\n  level: info\n  accesslog:\n    disabled: false',
    `storage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true`,
    `http:\n  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n'));
  const child: ChildProcess = spawn('docker-registry', ['serve', `${dir}/config.yml`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => { log += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { log += c.toString(); });
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://${host}/v2/`).then((r) => r.status === 200 || r.status === 401, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`registry did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    storage: `${dir}/data`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Files to write (path → content) and paths to delete, applied on top of the previous layer. */
export interface LayerChange { files?: Record<string, string>; remove?: string[] }

/**
 * Builds `layout:<tag>` with umoci, one layer per change, starting from `from` (a tag in the same
 * layout) or from scratch. Deletions become `.wh.` whiteouts, as umoci writes them.
 */
export async function buildLayoutImage(layout: string, tag: string, changes: LayerChange[], from?: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'berth-umoci-'));
  try {
    await runChecked('sh', ['-c', `[ -d "${layout}" ] || umoci init --layout "${layout}"`]);
    if (from) await runChecked('umoci', ['tag', '--image', `${layout}:${from}`, tag]);
    else await runChecked('umoci', ['new', '--image', `${layout}:${tag}`]);
    for (const [i, change] of changes.entries()) {
      const bundle = `${work}/b${i}`;
      await runChecked('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
      for (const p of change.remove ?? []) await rm(`${bundle}/rootfs/${p}`, { recursive: true, force: true });
      for (const [p, content] of Object.entries(change.files ?? {})) {
        await mkdir(dirname(`${bundle}/rootfs/${p}`), { recursive: true });
        await writeFile(`${bundle}/rootfs/${p}`, content);
      }
      await runChecked('umoci', ['repack', '--image', `${layout}:${tag}`, bundle]);
    }
    await runChecked('umoci', ['config', '--image', `${layout}:${tag}`, '--config.cmd', '/bin/true']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Pushes `layout:<tag>` to `docker://<dest>` over plain HTTP. */
export async function pushLayout(layout: string, tag: string, dest: string, creds?: { username: string; password: string }): Promise<void> {
  await runChecked('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', ...(creds ? ['--dest-creds', `${creds.username}:${creds.password}`] : []), `oci:${layout}:${tag}`, `docker://${dest}`]);
}

/**
 * Builds busybox and the pause image into the store at `<dataDir>/images`, reusing the build
 * cache (BERTH_IMAGE_CACHE, else /var/cache/berth/images) so repeated runs take milliseconds.
 */
export async function ensureTestImages(dataDir: string): Promise<void> {
  const store = new ImageStore({ root: `${dataDir}/images` });
  for (const name of ['busybox', 'pause'] as const) await buildImage(name, { store });
}
