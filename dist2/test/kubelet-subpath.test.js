// subPath resolution on a real filesystem: what a container can leave in a volume (symlinks out of it,
// `..` links, links in the middle of a path, loops) never makes the kubelet open, create or mount
// anything outside the volume; links that stay inside still work, as upstream's. Real bind mounts (root).
import assert from 'node:assert/strict';
import { closeSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bindSubPath, openInVolume, SubPathError } from '../src/kubelet/subpath.js';
import { unmountUnder } from '../src/util/mounts.js';
let base;
let vol;
let outside;
before(async () => {
    base = await mkdtemp(join(tmpdir(), 'berth-subpath-'));
    vol = join(base, 'vol');
    outside = join(base, 'outside');
    await mkdir(join(vol, 'real', 'deep'), { recursive: true });
    await chmod(vol, 0o777); // as an emptyDir: subPath directories get this mode, not the umask's
    await mkdir(outside);
    await writeFile(join(vol, 'real', 'file'), 'inside');
    await symlink(outside, join(vol, 'abs'));
    await symlink('../outside', join(vol, 'rel'));
    await symlink('../../..', join(vol, 'up'));
    await symlink('real/deep/../..', join(vol, 'back-to-root'));
    await symlink('real/../../outside', join(vol, 'sneaky'));
    await symlink('real', join(vol, 'inside'));
    await symlink('loop', join(vol, 'loop'));
    await symlink('missing/dir', join(vol, 'dangling'));
});
after(async () => {
    await unmountUnder(base);
    await rm(base, { recursive: true, force: true });
});
/** Where the descriptor openInVolume returned points, then closes it. */
function resolved(subPath) {
    const fd = openInVolume(vol, subPath);
    try {
        return readlinkSync(`/proc/self/fd/${fd}`);
    }
    finally {
        closeSync(fd);
    }
}
test('symlinks leading out of the volume are refused, whichever way they are written', async () => {
    for (const sub of ['abs', 'abs/x', 'rel', 'rel/new', 'up', 'up/tmp', 'sneaky', 'inside/../rel', 'real/file/x']) {
        assert.throws(() => openInVolume(vol, sub), SubPathError, sub);
    }
    assert.throws(() => openInVolume(vol, 'loop'), /too many symlinks/);
    // Nothing was created outside, not even through the links to missing places.
    assert.deepEqual(await readdir(outside), []);
});
test('paths and links that stay inside resolve to the real place; missing directories are made with the volume\'s mode', async () => {
    assert.equal(resolved('real/deep'), join(vol, 'real', 'deep'));
    assert.equal(resolved('inside/file'), join(vol, 'real', 'file'));
    assert.equal(resolved('back-to-root'), vol);
    assert.equal(resolved('new/a/b'), join(vol, 'new', 'a', 'b'));
    assert.equal((await stat(join(vol, 'new', 'a'))).mode & 0o777, 0o777);
    // A dangling link inside the volume is completed inside it.
    assert.equal(resolved('dangling'), join(vol, 'missing', 'dir'));
});
test('bindSubPath binds the opened file or directory onto the target and replaces an earlier bind', async () => {
    const target = join(base, 'pod', 'volume-subpaths', 'v', 'c', '0');
    await bindSubPath(vol, 'inside', target);
    assert.equal(await readFile(join(target, 'file'), 'utf8'), 'inside');
    // A second start of the container binds afresh, here a file in place of the directory.
    await bindSubPath(vol, 'real/file', target);
    assert.equal(await readFile(target, 'utf8'), 'inside');
    await assert.rejects(bindSubPath(vol, 'abs', join(base, 'pod', 'volume-subpaths', 'v', 'c', '1')), SubPathError);
    await unmountUnder(join(base, 'pod'));
    await rm(join(base, 'pod'), { recursive: true });
    assert.equal(await readFile(join(vol, 'real', 'file'), 'utf8'), 'inside');
});
//# sourceMappingURL=kubelet-subpath.test.js.map