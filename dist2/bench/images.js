// Image benchmark: pulling a 50 MB, 5-layer image from a local registry (Debian's docker-registry)
// against `skopeo copy` of the same image to a local directory in the same run, and building the
// three base images from Debian packages with a warm apt cache.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { buildLayoutImage, pushLayout, startRegistry } from '../test/support/images.js';
import { table } from './stats.js';
const run = promisify(execFile);
async function timed(fn) {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
}
export async function benchImages() {
    const work = await mkdtemp(join(tmpdir(), 'berth-bench-images-'));
    const registry = await startRegistry();
    const rows = [['figure', 'berth', 'baseline', 'ratio (berth/baseline)', 'target']];
    try {
        // Five layers of 10 MB each; random data (base64) so gzip cannot make them small.
        const layers = Array.from({ length: 5 }, (_, i) => ({ files: { [`data/layer-${i}.bin`]: randomBytes(7.5 * 1024 * 1024).toString('base64') } }));
        await buildLayoutImage(join(work, 'layout'), 'big', layers);
        await pushLayout(join(work, 'layout'), 'big', `${registry.host}/bench/big:1`);
        const ref = `${registry.host}/bench/big:1`;
        const skopeo = await timed(() => run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${ref}`, `dir:${join(work, 'skopeo-out')}`]));
        const store = new ImageStore({ root: join(work, 'store') });
        const pull = await timed(() => store.pullImage(ref));
        rows.push(['pull 50 MB / 5 layers from local registry (ms, includes unpacking)', Math.round(pull), `${Math.round(skopeo)} (skopeo copy to dir:)`, pull / skopeo, '≤ 1.5']);
        // Base images from Debian packages; an empty image cache so each is really built.
        const cacheDir = join(work, 'cache');
        const buildStore = new ImageStore({ root: join(work, 'build-store') });
        let total = 0;
        for (const name of ['busybox', 'debian', 'nginx']) {
            const ms = await timed(() => buildImage(name, { store: buildStore, cacheDir }));
            total += ms;
            rows.push([`build ${name} (ms)`, Math.round(ms), '', '', '']);
        }
        rows.push(['build all three (s)', (total / 1000).toFixed(1), '', '', '< 120 s']);
    }
    finally {
        await registry.stop();
        await rm(work, { recursive: true, force: true });
    }
    return ['## Images', table(rows)].join('\n');
}
//# sourceMappingURL=images.js.map