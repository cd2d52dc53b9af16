// Shared set-up for image tests and for the kubelet tests: a real Debian docker-registry on
// loopback, OCI layouts built with umoci and pushed with skopeo, and the locally built test images.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/runtime/images/exec.js';
import { buildImage } from '../../src/runtime/images/build/index.js';
import { ImageStore } from '../../src/runtime/images/store.js';
export async function freePort() {
    const srv = createServer();
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const port = srv.address().port;
    await new Promise((r) => srv.close(r));
    return port;
}
/** Starts docker-registry on 127.0.0.1 with storage in a temp dir; `basicAuth` turns on htpasswd. */
export async function startRegistry(basicAuth) {
    const dir = await mkdtemp(join(tmpdir(), 'berth-registry-'));
    const port = await freePort();
    let auth = '';
    if (basicAuth) {
        await run('htpasswd', ['-Bbc', `${dir}/htpasswd`, basicAuth.username, basicAuth.password]);
        auth = `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${dir}/htpasswd\n`;
    }
    await writeFile(`${dir}/config.yml`, [
        'version: 0.1',
        'log:\n  level: info\n  accesslog:\n    disabled: false',
        `storage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true`,
        `http:\n  addr: 127.0.0.1:${port}`,
        auth,
    ].join('\n'));
    const child = spawn('docker-registry', ['serve', `${dir}/config.yml`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => { log += c.toString(); });
    child.stderr.on('data', (c) => { log += c.toString(); });
    const host = `127.0.0.1:${port}`;
    for (let i = 0;; i++) {
        const ok = await fetch(`http://${host}/v2/`).then((r) => r.status === 200 || r.status === 401, () => false);
        if (ok)
            break;
        if (i > 100)
            throw new Error(`registry did not start: ${log}`);
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
/**
 * Builds `layout:<tag>` with umoci, one layer per change, starting from `from` (a tag in the same
 * layout) or from scratch. Deletions become `.wh.` whiteouts, as umoci writes them.
 */
export async function buildLayoutImage(layout, tag, changes, from) {
    const work = await mkdtemp(join(tmpdir(), 'berth-umoci-'));
    try {
        await run('sh', ['-c', `[ -d "${layout}" ] || umoci init --layout "${layout}"`]);
        if (from)
            await run('umoci', ['tag', '--image', `${layout}:${from}`, tag]);
        else
            await run('umoci', ['new', '--image', `${layout}:${tag}`]);
        for (const [i, change] of changes.entries()) {
            const bundle = `${work}/b${i}`;
            await run('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
            for (const p of change.remove ?? [])
                await rm(`${bundle}/rootfs/${p}`, { recursive: true, force: true });
            for (const [p, content] of Object.entries(change.files ?? {})) {
                await mkdir(dirname(`${bundle}/rootfs/${p}`), { recursive: true });
                await writeFile(`${bundle}/rootfs/${p}`, content);
            }
            await run('umoci', ['repack', '--image', `${layout}:${tag}`, bundle]);
        }
        await run('umoci', ['config', '--image', `${layout}:${tag}`, '--config.cmd', '/bin/true']);
    }
    finally {
        await rm(work, { recursive: true, force: true });
    }
}
/** Pushes `layout:<tag>` to `docker://<dest>` over plain HTTP. */
export async function pushLayout(layout, tag, dest, creds) {
    await run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', ...(creds ? ['--dest-creds', `${creds.username}:${creds.password}`] : []), `oci:${layout}:${tag}`, `docker://${dest}`]);
}
/**
 * Builds busybox and the pause image into the store at `<dataDir>/images`, reusing the build
 * cache (BERTH_IMAGE_CACHE, else /var/cache/berth/images) so repeated runs take milliseconds.
 */
export async function ensureTestImages(dataDir) {
    const store = new ImageStore({ root: `${dataDir}/images` });
    for (const name of ['busybox', 'pause'])
        await buildImage(name, { store });
}
//# sourceMappingURL=images.js.map