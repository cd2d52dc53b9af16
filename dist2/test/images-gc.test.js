import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from '../src/runtime/images/index.js';
import { usagePercent } from '../src/runtime/images/gc.js';
import { run } from '../src/runtime/images/exec.js';
import { buildLayoutImage } from './support/images.js';
let work;
let fs;
before(async () => {
    work = await mkdtemp(join(tmpdir(), 'berth-images-gc-'));
    fs = `${work}/fs`;
    await run('mkdir', ['-p', fs]);
    // A small file system of its own, so "disk full" is real and does not touch the host's disk.
    await run('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', fs]);
    for (const name of ['a', 'b', 'c']) {
        await buildLayoutImage(`${work}/layout`, name, [{ files: { [`data/${name}`]: randomBytes(1_000_000).toString('base64') } }]);
    }
});
after(async () => {
    await run('umount', [fs]).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
});
/** An OCI layout archive holding only `tag` of the shared layout. */
async function archiveOf(tag) {
    const one = `${work}/one-${tag}`;
    await run('cp', ['-r', `${work}/layout`, one]);
    const index = JSON.parse(await readFile(`${one}/index.json`, 'utf8'));
    index.manifests = index.manifests.filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
    await writeFile(`${one}/index.json`, JSON.stringify(index));
    await run('tar', ['-c', '-f', `${one}.tar`, '-C', one, '.']);
    return `${one}.tar`;
}
test('GC removes least recently used unused images until usage is below low, never one in use', async () => {
    const store = new ImageStore({ root: `${fs}/images` });
    await store.listImages();
    const empty = await usagePercent(fs);
    for (const tag of ['a', 'b', 'c']) {
        // One import per image, so their last-used times are in this order.
        await store.importArchive(await archiveOf(tag), { name: 'gc/test' });
        await new Promise((r) => setTimeout(r, 5));
    }
    const full = await usagePercent(fs);
    const share = (full - empty) / 3;
    assert.ok(share > 3, `each image takes ${share.toFixed(1)}% of the file system`);
    // Below the high threshold nothing happens.
    assert.deepEqual((await store.garbageCollect({ highPercent: full + 1, lowPercent: 0, inUse: new Set() })).removed, []);
    // "a" is the oldest but in use: "b" goes, and one removal brings usage under low.
    const a = await store.imageStatus('gc/test:a');
    const b = await store.imageStatus('gc/test:b');
    const res = await store.garbageCollect({ highPercent: full - 1, lowPercent: full - share / 2, inUse: new Set(['docker.io/gc/test:a']) });
    assert.deepEqual(res.removed, [b.id]);
    assert.ok(res.usagePercent < full - share / 2);
    assert.deepEqual((await store.listImages()).flatMap((i) => i.repoTags).sort(), ['docker.io/gc/test:a', 'docker.io/gc/test:c']);
    assert.ok(await store.imageStatus(a.id));
});
//# sourceMappingURL=images-gc.test.js.map