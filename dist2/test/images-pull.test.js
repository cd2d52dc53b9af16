import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, credentialsFromDockerConfig, isImageError, loadRegistryConfig } from '../src/runtime/images/index.js';
import { buildLayoutImage, pushLayout, startRegistry } from './support/images.js';
let registry;
let work;
const layout = () => `${work}/layout`;
async function freshStore() {
    return new ImageStore({ root: await mkdtemp(join(work, 'store-')) });
}
async function blobCount(store) {
    return (await readdir(`${store.root}/blobs/sha256`)).length;
}
before(async () => {
    work = await mkdtemp(join(tmpdir(), 'berth-images-pull-'));
    registry = await startRegistry();
    await buildLayoutImage(layout(), 'base', [{ files: { 'etc/base': 'base\n' } }, { files: { 'usr/share/b': 'b'.repeat(50_000) } }]);
    await buildLayoutImage(layout(), 'app', [{ files: { 'app/run': 'app\n' } }], 'base');
    await pushLayout(layout(), 'base', `${registry.host}/test/base:1`);
    await pushLayout(layout(), 'app', `${registry.host}/test/app:1`);
});
after(async () => {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
});
test('anonymous pull stores the image under its normalised references, with progress', async () => {
    const store = await freshStore();
    const progress = [];
    const img = await store.pullImage(`${registry.host}/test/base:1`, { onProgress: (p) => progress.push(p) });
    assert.deepEqual(img.repoTags, [`${registry.host}/test/base:1`]);
    assert.match(img.repoDigests[0], new RegExp(`^${registry.host}/test/base@sha256:[a-f0-9]{64}$`));
    assert.equal(img.source, `pulled from ${registry.host}`);
    assert.deepEqual(img.config.cmd, ['/bin/true']);
    assert.ok(progress.some((p) => p.done && p.total > 0 && p.current === p.total), 'progress reached the end of a layer');
    assert.deepEqual(await store.imageStatus(img.id), img);
    assert.deepEqual(await store.imageStatus(img.repoDigests[0]), img);
    assert.equal(await store.imageStatus(`${registry.host}/test/base:2`), null);
    // The store survives a restart: a new instance on the same root sees the image.
    assert.deepEqual((await new ImageStore({ root: store.root }).listImages()).map((i) => i.id), [img.id]);
});
test('a missing tag is an ErrImagePull naming the registry', async () => {
    const store = await freshStore();
    await assert.rejects(store.pullImage(`${registry.host}/test/base:nope`), (e) => isImageError(e, 'ErrImagePull') && /not found/.test(e.message));
});
test('concurrent pulls of one image download each blob once', async () => {
    const store = await freshStore();
    const before = registry.log().length;
    const imgs = await Promise.all([1, 2, 3, 4].map(() => store.pullImage(`${registry.host}/test/app:1`)));
    assert.equal(new Set(imgs.map((i) => i.id)).size, 1);
    const gets = [...registry.log().slice(before).matchAll(/"GET \/v2\/test\/app\/blobs\/(sha256:[a-f0-9]{64})/g)].map((m) => m[1]);
    assert.equal(gets.length, 4, 'config + 3 layers');
    assert.equal(new Set(gets).size, gets.length, `each blob fetched once: ${gets.join(' ')}`);
});
test('a second image on the same base stores only its new layer', async () => {
    const store = await freshStore();
    await store.pullImage(`${registry.host}/test/base:1`);
    const blobsBefore = await blobCount(store);
    const layersBefore = (await readdir(`${store.root}/layers`)).filter((n) => n.length === 64).length;
    const fetchedFrom = registry.log().length;
    await store.pullImage(`${registry.host}/test/app:1`);
    // manifest + config + one layer are new
    assert.equal(await blobCount(store), blobsBefore + 3);
    assert.equal((await readdir(`${store.root}/layers`)).filter((n) => n.length === 64).length, layersBefore + 1);
    const gets = [...registry.log().slice(fetchedFrom).matchAll(/"GET \/v2\/test\/app\/blobs\//g)];
    assert.equal(gets.length, 2, 'only config and the new layer were downloaded');
});
test('a corrupted blob is rejected and nothing of it is stored', async () => {
    await buildLayoutImage(layout(), 'bad', [{ files: { 'x': 'payload that will be damaged\n' } }]);
    await pushLayout(layout(), 'bad', `${registry.host}/test/bad:1`);
    const store = await freshStore();
    // Find the layer blob in the registry's storage and flip its bytes, keeping its size.
    const manifest = JSON.parse(await (await fetch(`http://${registry.host}/v2/test/bad/manifests/1`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })).text());
    const layer = manifest.layers[0].digest.slice(7);
    const data = `${registry.storage}/docker/registry/v2/blobs/sha256/${layer.slice(0, 2)}/${layer}/data`;
    const size = (await stat(data)).size;
    await writeFile(data, Buffer.alloc(size, 7));
    await assert.rejects(store.pullImage(`${registry.host}/test/bad:1`), (e) => isImageError(e, 'ErrImagePull') && /digest mismatch/.test(e.message));
    assert.equal(await store.imageStatus(`${registry.host}/test/bad:1`), null);
    assert.ok(!(await readdir(`${store.root}/blobs/sha256`)).includes(layer));
    assert.deepEqual(await readdir(`${store.root}/ingest`), []);
});
test('basic auth: pulls with credentials, fails clearly without them', async () => {
    const creds = { username: 'berth', password: 's3cret' };
    const secured = await startRegistry(creds);
    try {
        await pushLayout(layout(), 'base', `${secured.host}/private/base:1`, creds);
        const store = await freshStore();
        await assert.rejects(store.pullImage(`${secured.host}/private/base:1`), (e) => isImageError(e, 'ErrImagePull') && /unauthorized/.test(e.message));
        await assert.rejects(store.pullImage(`${secured.host}/private/base:1`, { auth: { username: 'berth', password: 'wrong' } }), /unauthorized/);
        const img = await store.pullImage(`${secured.host}/private/base:1`, { auth: creds });
        assert.deepEqual(img.repoTags, [`${secured.host}/private/base:1`]);
        // The same credentials, from a dockerconfigjson Secret and from a registries.yaml file.
        const secret = Buffer.from(JSON.stringify({ auths: { [`http://${secured.host}`]: { auth: Buffer.from('berth:s3cret').toString('base64') } } })).toString('base64');
        const fromSecret = credentialsFromDockerConfig(secret, secured.host);
        assert.ok(fromSecret);
        await (await freshStore()).pullImage(`${secured.host}/private/base:1`, { auth: fromSecret });
        await writeFile(`${work}/registries.yaml`, `configs:\n  "${secured.host}":\n    auth:\n      username: berth\n      password: s3cret\n`);
        const configured = new ImageStore({ root: await mkdtemp(join(work, 'store-')), registries: await loadRegistryConfig(`${work}/registries.yaml`) });
        assert.equal((await configured.pullImage(`${secured.host}/private/base:1`)).id, img.id);
    }
    finally {
        await secured.stop();
    }
});
test('a mirror in registries.yaml serves docker.io references', async () => {
    await pushLayout(layout(), 'base', `${registry.host}/library/mirrored:1`);
    await writeFile(`${work}/mirrors.yaml`, `mirrors:\n  docker.io:\n    endpoint:\n      - "http://${registry.host}"\n`);
    const store = new ImageStore({ root: await mkdtemp(join(work, 'store-')), registries: await loadRegistryConfig(`${work}/mirrors.yaml`) });
    const img = await store.pullImage('mirrored:1');
    assert.deepEqual(img.repoTags, ['docker.io/library/mirrored:1']);
    assert.equal(img.source, `pulled from ${registry.host}`);
});
//# sourceMappingURL=images-pull.test.js.map