import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from '../src/runtime/images/index.js';
import { runChecked } from '../src/util/host-command.js';
import { buildLayoutImage } from './support/images.js';

let work: string;
const exists = (p: string) => access(p).then(() => true, () => false);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'berth-images-rootfs-'));
  const layout = `${work}/layout`;
  await buildLayoutImage(layout, 'v1', [
    { files: { 'etc/base': 'base\n', 'etc/gone': 'x\n', 'd/x': 'x\n', 'o/keep': 'k\n' } },
    { files: { 'd/y': 'y\n', 'etc/base': 'changed\n' }, remove: ['etc/gone', 'd/x'] },
  ]);
  // umoci writes per-file whiteouts only; add a layer with an opaque directory by hand.
  await mkdir(`${work}/opq/o`, { recursive: true });
  await writeFile(`${work}/opq/o/.wh..wh..opq`, '');
  await writeFile(`${work}/opq/o/new`, 'new\n');
  await runChecked('tar', ['-c', '-f', `${work}/opq.tar`, '-C', `${work}/opq`, '--owner=0', '--group=0', 'o']);
  await runChecked('umoci', ['raw', 'add-layer', '--image', `${layout}:v1`, '--tag', 'v2', `${work}/opq.tar`]);
  await runChecked('tar', ['-c', '-f', `${work}/oci.tar`, '-C', layout, '.']);
  await runChecked('skopeo', ['copy', '--quiet', `oci:${layout}:v2`, `docker-archive:${work}/docker.tar:example.com/team/saved:v2`]);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

test('imports an OCI layout archive, naming tag-only entries after the given name', async () => {
  const store = new ImageStore({ root: `${work}/store-oci` });
  const imgs = await store.importArchive(`${work}/oci.tar`, { name: 'local/layered' });
  assert.deepEqual(imgs.flatMap((i) => i.repoTags).sort(), ['docker.io/local/layered:v1', 'docker.io/local/layered:v2']);
  assert.equal(imgs[0]!.source, 'imported from oci.tar');
  assert.deepEqual((await store.imageStatus('local/layered:v2'))?.config.cmd, ['/bin/true']);
});

test('imports a docker save archive with its RepoTags', async () => {
  const store = new ImageStore({ root: `${work}/store-docker` });
  const [img] = await store.importArchive(`${work}/docker.tar`);
  assert.deepEqual(img!.repoTags, ['example.com/team/saved:v2']);
  assert.equal((await store.listImages()).length, 1);
});

test('the overlay rootfs shows every layer with whiteouts applied, and is released cleanly', async () => {
  const store = new ImageStore({ root: `${work}/store-rootfs` });
  await store.importArchive(`${work}/docker.tar`);
  const merged = await store.prepareRootfs('example.com/team/saved:v2', 'c1');
  assert.equal(await readFile(`${merged}/etc/base`, 'utf8'), 'changed\n');
  assert.equal(await exists(`${merged}/etc/gone`), false, 'whiteout hides a file');
  assert.equal(await exists(`${merged}/d/x`), false);
  assert.equal(await readFile(`${merged}/d/y`, 'utf8'), 'y\n');
  assert.deepEqual(await readdir(`${merged}/o`), ['new'], 'opaque directory hides lower contents');
  // Writes go to this container's upper dir only.
  await writeFile(`${merged}/etc/base`, 'mine\n');
  const other = await store.prepareRootfs('example.com/team/saved:v2', 'c2');
  assert.equal(await readFile(`${other}/etc/base`, 'utf8'), 'changed\n');
  assert.equal(await store.prepareRootfs('example.com/team/saved:v2', 'c1'), merged, 'prepare is idempotent');
  await assert.rejects(store.removeImage('example.com/team/saved:v2'), /in use/);
  await store.releaseRootfs('c1');
  await store.releaseRootfs('c2');
  assert.equal(await exists(`${work}/store-rootfs/containers/c1`), false);
  assert.ok(!(await readFile('/proc/self/mountinfo', 'utf8')).includes(`${work}/store-rootfs/containers`));
  await store.removeImage('example.com/team/saved:v2');
  assert.deepEqual(await readdir(`${work}/store-rootfs/blobs/sha256`), []);
  assert.deepEqual((await readdir(`${work}/store-rootfs/layers`)).filter((n) => n !== 'empty'), []);
});

test('a container\'s rootfs is left for the container to mount: nothing enters the host\'s mount table, and its options give the layered view', async () => {
  const root = `${work}/store-container`;
  const store = new ImageStore({ root });
  await store.importArchive(`${work}/docker.tar`);
  const mountTable = () => readFile('/proc/self/mountinfo', 'utf8');
  const r = await store.containerRootfs('example.com/team/saved:v2', 'c1');
  assert.ok(r.overlay, 'overlay options for the container');
  assert.deepEqual(await readdir(r.path), [], 'an empty directory to mount on');
  assert.ok(!(await mountTable()).includes(`${root}/containers`), 'nothing mounted on the host');
  // Mounted as runc mounts it (absolute paths, from any directory), the options show every layer.
  await runChecked('mount', ['-t', 'overlay', 'overlay', '-o', r.overlay.join(','), r.path], { cwd: '/' });
  try {
    assert.equal(await readFile(`${r.path}/etc/base`, 'utf8'), 'changed\n');
    assert.equal(await exists(`${r.path}/etc/gone`), false, 'whiteout hides a file');
    assert.deepEqual(await readdir(`${r.path}/o`), ['new'], 'opaque directory hides lower contents');
    await writeFile(`${r.path}/etc/base`, 'mine\n');
  } finally {
    await runChecked('umount', [r.path]);
  }
  assert.equal(await readFile(`${root}/containers/c1/upper/etc/base`, 'utf8'), 'mine\n', 'writes land in the container\'s upper dir');
  await assert.rejects(store.removeImage('example.com/team/saved:v2'), /in use/);
  await store.releaseRootfs('c1');
  assert.equal(await exists(`${root}/containers/c1`), false);
});

test('a store whose layer paths do not fit in one mount\'s options mounts the container\'s rootfs on the host instead', async () => {
  // Five directory levels of 250 characters: each absolute lowerdir is over 1,250 bytes, three exceed a page.
  const root = `${work}/${Array.from({ length: 5 }, (_, i) => String(i).repeat(250)).join('/')}`;
  const store = new ImageStore({ root });
  await store.importArchive(`${work}/docker.tar`);
  const r = await store.containerRootfs('example.com/team/saved:v2', 'c1');
  assert.equal(r.overlay, undefined);
  assert.ok((await readFile('/proc/self/mountinfo', 'utf8')).includes(`${root}/containers/c1/merged`), 'mounted on the host');
  assert.equal(await readFile(`${r.path}/etc/base`, 'utf8'), 'changed\n');
  await store.releaseRootfs('c1');
  assert.ok(!(await readFile('/proc/self/mountinfo', 'utf8')).includes(`${root}/containers`));
});

test('an image imported by another process (berth images beside a running server) is seen at once, and the running store\'s writes keep it', async () => {
  const server = new ImageStore({ root: `${work}/store-shared` });
  await server.importArchive(`${work}/oci.tar`, { name: 'local/layered' });
  assert.equal(await server.imageStatus('example.com/team/saved:v2'), null);
  // `berth images import` is its own process: its own store on the same root.
  await new ImageStore({ root: `${work}/store-shared` }).importArchive(`${work}/docker.tar`);
  assert.ok((await server.imageStatus('example.com/team/saved:v2'))?.repoTags.includes('example.com/team/saved:v2'));
  // The server's own next write (a last-used time) builds on the other's index rather than dropping its image.
  await server.prepareRootfs('local/layered:v1', 'c-shared');
  await server.releaseRootfs('c-shared');
  const again = new ImageStore({ root: `${work}/store-shared` });
  assert.deepEqual((await again.listImages()).flatMap((i) => i.repoTags).sort(),
    ['docker.io/local/layered:v1', 'docker.io/local/layered:v2', 'example.com/team/saved:v2']);
});
