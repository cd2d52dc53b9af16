// Hostile images and archives: each either fails with an error naming what is wrong or has its
// entry neutralised inside the store; a sentinel directory beside the store never changes, the
// store keeps working, and host users other than root can reach nothing an image brought.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, isImageError } from '../src/runtime/images/index.js';
import { MediaType } from '../src/runtime/images/media.js';
import { hostPlatform } from '../src/runtime/images/platform.js';
import { blob, dockerSave, imageBlobs, ociArchive, ociImage, tarOf } from './support/craft.js';
import { prng } from './support/prng.js';
import { startServer } from './support/server.js';
let work;
let sentinel;
let store;
let root;
let sentinelHash;
let n = 0;
/** Paths, types, modes, owners, link counts, targets and contents of a tree. */
async function treeHash(dir) {
    const h = createHash('sha256');
    const walk = async (rel) => {
        const p = join(dir, rel);
        const st = await lstat(p);
        h.update(`${rel}\0${st.mode}\0${st.uid}:${st.gid}\0${st.nlink}\0${st.size}\0`);
        if (st.isSymbolicLink())
            h.update(await readlink(p));
        else if (st.isFile())
            h.update(await readFile(p));
        else if (st.isDirectory())
            for (const c of (await readdir(p)).sort())
                await walk(join(rel, c));
    };
    await walk('.');
    return h.digest('hex');
}
async function archive(bytes) {
    const file = `${work}/archives/a${n++}.tar`;
    await writeFile(file, bytes);
    return file;
}
/** Imports `bytes`; expects an ImageError matching `message`, or success when message is undefined. */
async function importExpect(bytes, message) {
    const p = store.importArchive(await archive(bytes));
    if (!message)
        return p;
    await assert.rejects(p, (e) => {
        assert.ok(isImageError(e), `an ImageError, got ${e.stack}`);
        assert.match(e.message, message);
        return true;
    });
    return [];
}
const layerDir = (layer) => `${root}/layers/${createHash('sha256').update(layer).digest('hex')}`;
before(async () => {
    work = await mkdtemp(join(tmpdir(), 'berth-hostile-'));
    // World-searchable, so only the store's own permissions keep other users out.
    await chmod(work, 0o755);
    sentinel = `${work}/sentinel`;
    await mkdir(`${sentinel}/sub`, { recursive: true });
    await writeFile(`${sentinel}/secret`, 'host secret\n', { mode: 0o600 });
    await writeFile(`${sentinel}/file`, 'host file\n');
    await mkdir(`${work}/archives`);
    root = `${work}/store`;
    await mkdir(root, { mode: 0o755 });
    store = new ImageStore({ root });
    await store.listImages();
    sentinelHash = await treeHash(sentinel);
});
after(async () => {
    // Every test leaves the host's files as they were.
    assert.equal(await treeHash(sentinel), sentinelHash, 'the sentinel directory outside the store is unchanged');
    await rm(work, { recursive: true, force: true });
});
test('the image store root is made 0700 even when it already existed', async () => {
    assert.equal((await stat(root)).mode & 0o777, 0o700);
});
test('a whiteout of ".." or "." is refused and the layer store stays whole', async () => {
    for (const name of ['.wh...', 'sub/.wh..', '.wh..']) {
        await importExpect(ociImage([tarOf([{ name: 'sub/', type: 'dir' }, { name }])], 'evil/wh:1'), /whiteout of "\.{1,2}" is not a name/);
    }
    assert.ok((await stat(`${root}/layers`)).isDirectory());
    assert.deepEqual((await readdir(`${root}/layers`)).filter((d) => d.startsWith('tmp-')), [], 'no half-unpacked layer is left');
});
test('entries with ".." are refused; absolute names land inside the layer', async () => {
    await importExpect(ociImage([tarOf([{ name: '../../../sentinel/pwned', data: 'x' }])], 'evil/dotdot:1'), /entry "\.\.\/\.\.\/\.\.\/sentinel\/pwned".*contains a "\.\." component/);
    await importExpect(ociImage([tarOf([{ name: 'a/../../b', data: 'x' }])], 'evil/dotdot:2'), /contains a "\.\." component/);
    const abs = tarOf([{ name: `${sentinel}/pwned`, data: 'inside\n' }]);
    await importExpect(ociImage([abs], 'evil/abs:1'));
    assert.equal(await readFile(`${layerDir(abs)}${sentinel}/pwned`, 'utf8'), 'inside\n');
});
test('symlinks are followed as if the layer were /: writes and whiteouts through them stay inside', async () => {
    const layer = tarOf([
        { name: 'out', type: 'symlink', linkname: sentinel },
        { name: 'out/pwned', data: 'through abs\n' },
        { name: 'up', type: 'symlink', linkname: '../../../../../../../../..' },
        { name: `up${sentinel}/pwned2`, data: 'through rel\n' },
        { name: 'out/.wh.file' },
        { name: 'up/.wh.secret' },
        // An entry at a symlink's own name replaces the symlink, never writes or chmods through it.
        { name: 'f', type: 'symlink', linkname: `${sentinel}/file` },
        { name: 'f', data: 'replaced\n', mode: 0o666 },
        { name: 'd', type: 'symlink', linkname: sentinel },
        { name: 'd/', type: 'dir', mode: 0o777 },
    ]);
    await importExpect(ociImage([layer], 'evil/symlinks:1'));
    const inside = `${layerDir(layer)}${sentinel}`;
    assert.equal(await readFile(`${inside}/pwned`, 'utf8'), 'through abs\n');
    assert.equal(await readFile(`${inside}/pwned2`, 'utf8'), 'through rel\n');
    assert.equal(await readlink(`${layerDir(layer)}/out`), sentinel, 'the symlink itself is kept for the container');
    const wh = await lstat(`${inside}/file`);
    assert.ok(wh.isCharacterDevice() && wh.rdev === 0, 'the whiteout is an overlay whiteout inside the layer');
    assert.ok((await lstat(`${layerDir(layer)}/secret`)).isCharacterDevice(), '"up" resolves to the layer root');
    assert.equal(await readFile(`${layerDir(layer)}/f`, 'utf8'), 'replaced\n');
    assert.ok((await lstat(`${layerDir(layer)}/d`)).isDirectory());
});
test('hard links must point inside the layer', async () => {
    await importExpect(ociImage([tarOf([{ name: 'hl', type: 'hardlink', linkname: `${sentinel}/file` }])], 'evil/hl:1'), /entry "hl": .*sentinel\/file" does not exist/);
    await importExpect(ociImage([tarOf([{ name: 'hl', type: 'hardlink', linkname: '../../../sentinel/file' }])], 'evil/hl:2'), /contains a "\.\." component/);
    await importExpect(ociImage([tarOf([
            { name: 's', type: 'symlink', linkname: sentinel },
            { name: 'hl', type: 'hardlink', linkname: 's/file' },
        ])], 'evil/hl:3'), /entry "hl": "s\/file" does not exist/);
    assert.equal((await stat(`${sentinel}/file`)).nlink, 1);
});
test('device nodes are not created; setuid files are kept but only root can reach them', async () => {
    const layer = tarOf([
        { name: 'dev/', type: 'dir' },
        { name: 'dev/mem', type: 'char', major: 1, minor: 1, mode: 0o666 },
        { name: 'dev/sda', type: 'block', major: 8, minor: 0, mode: 0o666 },
        { name: 'bin/', type: 'dir' },
        { name: 'bin/su', data: '#!/bin/sh\necho root\n', mode: 0o4755 },
    ]);
    await importExpect(ociImage([layer], 'evil/devices:1'));
    const dir = layerDir(layer);
    assert.deepEqual(await readdir(`${dir}/dev`), []);
    assert.equal((await stat(`${dir}/bin/su`)).mode & 0o7777, 0o4755, 'setuid stays for the container');
    const merged = await store.prepareRootfs('evil/devices:1', 'hostile-c1');
    try {
        // What open(2) and execve(2) answer user nobody for each path.
        const probe = `const fs = require('node:fs'), cp = require('node:child_process');
      const code = (f) => { try { f(); return 'ok'; } catch (e) { return e.code; } };
      console.log(JSON.stringify(process.argv.slice(1).map((p) => [code(() => fs.openSync(p, 'r')), code(() => cp.execFileSync(p, { stdio: 'ignore' }))])));`;
        const paths = [`${dir}/dev/mem`, `${dir}/bin/su`, `${merged}/bin/su`, `${merged}/dev/mem`];
        const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', probe, ...paths], { encoding: 'utf8' });
        assert.deepEqual(JSON.parse(r.stdout), paths.map(() => ['EACCES', 'EACCES']), r.stderr);
    }
    finally {
        await store.releaseRootfs('hostile-c1');
    }
});
test('docker save paths leaving the archive are refused, and no host file reaches the blob store', async () => {
    const layer = tarOf([{ name: 'f', data: 'x' }]);
    const img = imageBlobs([layer]);
    const files = [{ name: 'config.json', data: img.config.bytes }, { name: 'layer.tar', data: layer }];
    const save = (Config, Layers, extra = []) => dockerSave([{ Config, RepoTags: ['evil/save:1'], Layers }], [...files, ...extra]);
    await importExpect(save('../../../sentinel/secret', ['layer.tar']), /manifest.*"\.\.\/\.\.\/\.\.\/sentinel\/secret" contains a "\.\." component|contains a "\.\." component/);
    await importExpect(save(`${sentinel}/secret`, ['layer.tar']), /"\/.*sentinel\/secret" is an absolute path/);
    await importExpect(save('config.json', [`../../../sentinel/secret`]), /contains a "\.\." component/);
    await importExpect(save('cfg', ['layer.tar'], [{ name: 'cfg', type: 'symlink', linkname: `${sentinel}/secret` }]), /"cfg" goes through a symlink to the absolute path/);
    await importExpect(save('cfg', ['layer.tar'], [{ name: 'cfg', type: 'symlink', linkname: '../../../sentinel/secret' }]), /"cfg" leads outside the archive/);
    await importExpect(save('config.json', ['l/layer.tar'], [{ name: 'l', type: 'symlink', linkname: `${sentinel}` }]), /"l\/layer.tar" goes through a symlink/);
    // Writing through an archive's own symlink is refused while it is unpacked.
    await importExpect(save('config.json', ['layer.tar'], [{ name: 'w', type: 'symlink', linkname: sentinel }, { name: 'w/pwned', data: 'x' }]), /entry "w\/pwned".*goes through a symlink/);
    // A symlink that stays inside (as docker save writes for shared layers) is followed.
    const [ok] = await importExpect(save('config.json', ['dup/layer.tar'], [{ name: 'dup', type: 'dir' }, { name: 'dup/layer.tar', type: 'symlink', linkname: '../layer.tar' }]));
    assert.deepEqual(ok.repoTags, ['docker.io/evil/save:1']);
    const secret = await readFile(`${sentinel}/secret`);
    for (const b of await readdir(`${root}/blobs/sha256`))
        assert.notDeepEqual(await readFile(`${root}/blobs/sha256/${b}`), secret);
});
test('OCI layout blobs are read only inside the archive and verified by digest', async () => {
    const layer = tarOf([{ name: 'f', data: 'y' }]);
    const img = imageBlobs([layer]);
    const man = blob(img.manifest);
    // blobs/ is a symlink to the host: its files are never read.
    const viaSymlink = tarOf([
        { name: 'index.json', data: JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MediaType.ociManifest, digest: man.digest, size: man.size }] }) },
        { name: 'blobs', type: 'symlink', linkname: sentinel },
    ]);
    await importExpect(viaSymlink, /"blobs\/sha256\/[a-f0-9]{64}" goes through a symlink to the absolute path/);
    const tampered = ociArchive([img.config], man, 'evil/oci:1', [{ name: `blobs/sha256/${img.layers[0].digest.slice(7)}`, data: 'not the layer' }]);
    await importExpect(tampered, /digest mismatch/);
});
test('malformed manifests and indexes are named in the error', async () => {
    const layer = tarOf([{ name: 'f', data: 'z' }]);
    const img = imageBlobs([layer]);
    const man = blob(img.manifest);
    const platform = { os: 'linux', architecture: hostPlatform().architecture };
    const inner = blob({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.ociManifest, digest: man.digest, size: man.size, platform }] });
    const outer = blob({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.ociIndex, digest: inner.digest, size: inner.size, platform }] });
    await importExpect(ociArchive([img.config, ...img.layers, man, inner], outer, 'evil/nested:1', [], MediaType.ociIndex), /manifest sha256:[a-f0-9]{64}: the document is an index inside an index; nested indexes are not supported/);
    const noConfig = blob({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: img.manifest.layers });
    await importExpect(ociArchive(img.layers, noConfig, 'evil/noconfig:1'), /manifest sha256:[a-f0-9]{64}: config is missing/);
    const badLayers = blob({ ...img.manifest, layers: 'all of them' });
    await importExpect(ociArchive([img.config], badLayers, 'evil/layers:1'), /layers must be an array of descriptors/);
    const badDigest = blob({ ...img.manifest, layers: [{ mediaType: MediaType.ociLayer, digest: 'sha256:../../../../etc/passwd', size: 1 }] });
    await importExpect(ociArchive([img.config], badDigest, 'evil/digest:1'), /layers\[0\]\.digest must be a sha256 digest/);
    await importExpect(tarOf([{ name: 'index.json', data: '{"manifests": 3}' }]), /index.json: manifests must be an array of descriptors/);
    await importExpect(tarOf([{ name: 'index.json', data: '{not json' }]), /index.json: not valid JSON/);
    await importExpect(dockerSave({ Config: 'x' }, []), /manifest.json: the document must be an array of images/);
    await importExpect(dockerSave([{ Config: 'x', Layers: 'layer.tar' }], []), /manifest.json: \[0\]\.Layers must be an array of paths/);
    await importExpect(dockerSave([{ Layers: [] }], []), /manifest.json: \[0\]\.Config is missing/);
});
test('after all of that the store still imports, lists and unpacks a good image', async () => {
    const layer = tarOf([
        { name: 'etc/', type: 'dir' },
        { name: 'etc/hello', data: 'hello\n' },
        { name: 'etc/link', type: 'symlink', linkname: '/etc/hello' },
        { name: 'etc/hard', type: 'hardlink', linkname: 'etc/hello' },
        { name: 'run/pipe', type: 'fifo' },
    ]);
    const [img] = await importExpect(ociImage([layer], 'good/image:1'));
    assert.deepEqual(img.repoTags, ['docker.io/good/image:1']);
    assert.ok((await store.listImages()).some((i) => i.repoTags.includes('docker.io/good/image:1')));
    const merged = await store.prepareRootfs('good/image:1', 'hostile-good');
    try {
        assert.equal(await readFile(`${merged}/etc/hard`, 'utf8'), 'hello\n');
        assert.equal(await readlink(`${merged}/etc/link`), '/etc/hello');
        assert.ok((await lstat(`${merged}/run/pipe`)).isFIFO());
    }
    finally {
        await store.releaseRootfs('hostile-good');
    }
});
test('berth server makes an existing data dir 0700', async () => {
    const dataDir = `${work}/data`;
    await mkdir(dataDir, { mode: 0o755 });
    const srv = await startServer({ dataDir });
    try {
        assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    }
    finally {
        await srv.stop();
    }
});
// CI replays a fixed seed; elsewhere each run explores a new one. Rerun one with FUZZ_SEED=<seed>.
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 2718281828 : (Math.random() * 2 ** 32) >>> 0;
test(`corrupted layers and archives fail with an ImageError or import, and never escape (seed ${seed})`, async () => {
    const r = prng(seed);
    const layer = tarOf([
        { name: 'etc/', type: 'dir' },
        { name: 'etc/a', data: 'a'.repeat(700) },
        { name: 'l', type: 'symlink', linkname: sentinel },
        { name: 'l/b', data: 'b' },
        { name: 'h', type: 'hardlink', linkname: 'etc/a' },
        { name: 'etc/.wh.gone' },
    ]);
    const good = ociImage([layer], 'fuzz/img:1');
    const names = [...'./l', '..', '.wh.', '/', sentinel];
    const mutate = (b) => {
        const bytes = Buffer.from(b);
        for (let k = 1 + r.int(4); k > 0; k--) {
            const at = r.int(bytes.length);
            // Mostly single bytes; sometimes a path fragment, to aim at names and link targets.
            if (r.chance(0.7))
                bytes[at] = r.int(256);
            else
                bytes.write(r.pick(names), at);
        }
        return bytes;
    };
    for (let i = 0; i < 80; i++) {
        // Half the cases corrupt the layer under valid digests, so the tar reader and extractor see it.
        const bytes = r.chance(0.5) ? ociImage([mutate(layer)], `fuzz/img:${i}`) : mutate(good);
        await store.importArchive(await archive(bytes)).catch((e) => {
            assert.ok(isImageError(e), `case ${i} (seed ${seed}): ${e.stack}`);
        });
    }
    assert.equal(await treeHash(sentinel), sentinelHash);
    await importExpect(good);
});
//# sourceMappingURL=images-hostile.test.js.map