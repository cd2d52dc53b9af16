// `berth killall` after a stop that fell inside createContainer: the rootfs is mounted before the
// container's record is saved, so the directory is all that names it. killall must unmount it anyway
// (found by pod-patterns.test.ts, whose clean-up once left an overlay mount behind). Likewise a sandbox's
// shm tmpfs that no record names: left mounted, it made killall's final rm fail with EBUSY.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runChecked } from '../src/runtime/cni/command.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { cleanupAll } from '../src/runtime/runc/cleanup.js';
import { runtimePaths } from '../src/runtime/runc/runtime.js';
import { ensureTestImages } from './support/images.js';
const mounted = async (path) => (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').some((l) => l.split(' ')[4] === path);
test('killall unmounts the rootfs of a container whose record was never saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-pod-cleanup-'));
    try {
        await ensureTestImages(dir);
        const store = new ImageStore({ root: join(dir, 'images') });
        const root = join(dir, 'runtime');
        const id = 'c0ffee0000000000000000000000000000000000000000000000000000000001';
        // What createContainer has done when the stop comes: the container directory, then the rootfs.
        await mkdir(join(runtimePaths(root).containers, id), { recursive: true });
        const rootfs = await store.prepareRootfs('busybox', id);
        assert.ok(await mounted(rootfs), 'the rootfs is an overlay mount');
        await cleanupAll(root, { rootfs: store });
        const leaked = await mounted(rootfs);
        if (leaked)
            await store.releaseRootfs(id);
        assert.equal(leaked, false, `killall left ${rootfs} mounted`);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('killall unmounts a sandbox\'s shm that no record names, instead of failing with EBUSY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-pod-cleanup-'));
    const root = join(dir, 'runtime');
    // What a sandbox whose creation stopped before its record was saved leaves: the shm tmpfs, mounted.
    const shm = join(runtimePaths(root).sandboxes, 'c0ffee0000000000000000000000000000000000000000000000000000000002', 'shm');
    try {
        await mkdir(shm, { recursive: true });
        await runChecked('mount', ['-t', 'tmpfs', 'shm', shm]);
        await cleanupAll(root);
        assert.equal(await mounted(shm), false, `killall left ${shm} mounted`);
        assert.equal(existsSync(root), false, 'the runtime root is gone');
    }
    finally {
        if (await mounted(shm))
            await runChecked('umount', ['-l', shm]);
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=pod-cleanup.test.js.map