import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from '../src/runtime/images/index.js';
import { buildImage, PAUSE_IMAGE } from '../src/runtime/images/build/index.js';
import { run } from '../src/runtime/images/exec.js';
import { ensureTestImages } from './support/images.js';
let work;
before(async () => {
    work = await mkdtemp(join(tmpdir(), 'berth-images-build-'));
});
after(async () => {
    await rm(work, { recursive: true, force: true });
});
test('busybox builds in seconds and gives a root where /bin/sh runs', async () => {
    const store = new ImageStore({ root: `${work}/store` });
    const lines = [];
    const started = Date.now();
    const img = await buildImage('busybox', { store, cacheDir: `${work}/cache`, log: (l) => lines.push(l) });
    // About 0.6 s on an idle machine; the bound leaves room for a busy shared test host.
    assert.ok(Date.now() - started < 5000, `built in ${Date.now() - started} ms`);
    assert.ok(lines.some((l) => l.startsWith('building docker.io/library/busybox:latest')));
    assert.deepEqual(img.repoTags, ['docker.io/library/busybox:latest']);
    assert.match(img.source, /^built locally from Debian packages \(busybox-static /);
    assert.deepEqual(img.config.cmd, ['sh']);
    const root = await store.prepareRootfs('busybox', 'bb1');
    try {
        await access(`${root}/bin/sh`);
        const out = await run('chroot', [root, '/bin/sh', '-c', 'echo hello from $(whoami); ls /usr/bin/wget']);
        assert.equal(out, 'hello from root\n/usr/bin/wget\n');
    }
    finally {
        await store.releaseRootfs('bb1');
    }
});
test('a second build is served from the cache, and a store holding it returns at once', async () => {
    const cacheDir = `${work}/cache2`;
    await buildImage('busybox', { store: new ImageStore({ root: `${work}/s1` }), cacheDir });
    const lines = [];
    const store = new ImageStore({ root: `${work}/s2` });
    await buildImage('busybox', { store, cacheDir, log: (l) => lines.push(l) });
    assert.deepEqual(lines, [], 'nothing rebuilt');
    assert.equal((await readdir(cacheDir)).length, 1);
    const t = Date.now();
    await buildImage('busybox', { store, cacheDir });
    assert.ok(Date.now() - t < 1000);
});
test('the pause image runs catatonit and is pinned against garbage collection', async () => {
    const store = new ImageStore({ root: `${work}/pause` });
    const img = await buildImage('pause', { store, cacheDir: `${work}/cache` });
    assert.deepEqual(img.repoTags, [PAUSE_IMAGE]);
    assert.deepEqual(img.config.entrypoint, ['/catatonit', '-P']);
    assert.match(img.source, /catatonit/);
    const gc = await store.garbageCollect({ highPercent: 0, lowPercent: 0, inUse: new Set() });
    assert.deepEqual(gc.removed, []);
});
test('ensureTestImages fills <dataDir>/images with busybox and pause', async () => {
    const dataDir = `${work}/data`;
    await ensureTestImages(dataDir);
    const tags = (await new ImageStore({ root: `${dataDir}/images` }).listImages()).flatMap((i) => i.repoTags).sort();
    assert.deepEqual(tags, [PAUSE_IMAGE, 'docker.io/library/busybox:latest'].sort());
});
test('nginx builds from Debian packages and is configured like the official image', { skip: process.env.BERTH_SLOW_TESTS !== '1' && 'set BERTH_SLOW_TESTS=1', timeout: 600_000 }, async () => {
    const store = new ImageStore({ root: `${work}/nginx` });
    const img = await buildImage('nginx', { store, log: (l) => process.stderr.write(`${l}\n`) });
    assert.deepEqual(img.config.cmd, ['nginx', '-g', 'daemon off;']);
    assert.equal(img.config.stopSignal, 'SIGQUIT');
    const root = await store.prepareRootfs('nginx', 'ng1');
    try {
        await access(`${root}/usr/share/nginx/html/index.html`);
        const out = await run('chroot', [root, '/usr/sbin/nginx', '-t']).catch((e) => e.message);
        assert.match(out, /syntax is ok|test is successful|^$/);
        assert.equal((await run('readlink', [`${root}/var/log/nginx/access.log`])).trim(), '/dev/stdout');
    }
    finally {
        await store.releaseRootfs('ng1');
    }
});
//# sourceMappingURL=images-build.test.js.map