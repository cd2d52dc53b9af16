import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig, parseKubeconfig } from '../src/client/kubeconfig.js';
const b64 = (s) => Buffer.from(s).toString('base64');
test('inline base64 CA, client certificate and key', async () => {
    const text = `
apiVersion: v1
kind: Config
current-context: berth
clusters:
- name: berth
  cluster: {server: "https://127.0.0.1:6443/", certificate-authority-data: ${b64('CA')}}
users:
- name: admin
  user: {client-certificate-data: ${b64('CERT')}, client-key-data: ${b64('KEY')}}
contexts:
- name: berth
  context: {cluster: berth, user: admin}
`;
    const c = await parseKubeconfig(text, '/nowhere');
    assert.equal(c.server, 'https://127.0.0.1:6443');
    assert.equal(c.ca?.toString(), 'CA');
    assert.equal(c.cert?.toString(), 'CERT');
    assert.equal(c.key?.toString(), 'KEY');
    assert.equal(c.token, undefined);
});
test('file paths relative to the kubeconfig, bearer token, named context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-'));
    await writeFile(join(dir, 'ca.crt'), 'FILECA');
    await writeFile(join(dir, 'kubeconfig'), `
current-context: a
clusters:
- {name: a, cluster: {server: "https://a:1"}}
- {name: b, cluster: {server: "https://b:2", certificate-authority: ca.crt}}
users:
- {name: u, user: {token: s3cret}}
contexts:
- {name: a, context: {cluster: a, user: u}}
- {name: b, context: {cluster: b, user: u}}
`);
    const c = await loadKubeconfig(join(dir, 'kubeconfig'), 'b');
    assert.equal(c.server, 'https://b:2');
    assert.equal(c.ca?.toString(), 'FILECA');
    assert.equal(c.token, 's3cret');
});
test('a missing context is an error', async () => {
    await assert.rejects(parseKubeconfig('current-context: nope\ncontexts: []\n', '/'), /context "nope" not found/);
});
//# sourceMappingURL=client-kubeconfig.test.js.map